package io.assetmanager.security;

import io.assetmanager.security.LoginThrottle.Count;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The login throttle's counts in memory, for unit tests of its rules; the server keeps them in the database. */
final class MemoryThrottleStore implements LoginThrottle.Store {

    private final Map<String, Count> counts = new HashMap<>();

    @Override
    public synchronized <T> T update(List<String> keys, Function<Map<String, Count>, T> change) {
        Map<String, Count> step = new HashMap<>();
        for (String key : keys) {
            step.put(key, counts.getOrDefault(key, new Count()));
        }
        T result = change.apply(step);
        step.forEach((key, count) -> {
            if (count.isEmpty()) {
                counts.remove(key);
            } else {
                counts.put(key, count);
            }
        });
        return result;
    }

    @Override
    public synchronized long purge(Instant now, int maxRows) {
        counts.entrySet().removeIf(e -> LoginThrottle.forgetAt(e.getKey(), e.getValue()).isBefore(now));
        return counts.size();
    }

    synchronized int size() {
        return counts.size();
    }
}
