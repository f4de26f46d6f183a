package io.assetmanager.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * How hard a password is to guess, as NIST SP 800-63B asks rather than by composition rules: the nbvcxz estimator
 * (a Java port of zxcvbn, with its own lists of common passwords, words and names) finds common passwords, words,
 * sequences, keyboard rows, repeats and dates, and a password must reach {@value #MIN_ENTROPY_BITS} bits of estimated
 * entropy. The user name and the product's own name count as known words.
 *
 * <p>The estimate is made of the first {@value #ESTIMATED_CHARS} characters only: it costs up to seconds for the
 * longest passwords allowed, and a password whose first 40 characters are hard to guess is hard to guess. The
 * dictionaries (about 25 MiB of heap) load at the first check, once.
 */
final class PasswordStrength {

    static final double MIN_ENTROPY_BITS = 35;
    static final int ESTIMATED_CHARS = 40;
    private static final List<String> PRODUCT_WORDS = List.of("asset", "manager", "assetmanager", "qualys");

    private PasswordStrength() {
    }

    /** Empty when the password is hard enough to guess, else why it is not, with a hint. */
    static Optional<String> weakness(String username, String password) {
        Result result = Estimator.forUser(username).estimate(firstCodePoints(password, ESTIMATED_CHARS));
        if (result.getEntropy() >= MIN_ENTROPY_BITS) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder("Password is too easy to guess");
        String warning = result.getFeedback().getWarning();
        why.append(warning == null || warning.isBlank() ? "." : ": " + warning.strip());
        if (!why.toString().endsWith(".")) {
            why.append('.');
        }
        why.append(" Use a longer phrase of uncommon words, or a password manager's random password.");
        return Optional.of(why.toString());
    }

    private static String firstCodePoints(String s, int n) {
        return s.codePointCount(0, s.length()) <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
    }

    /** The estimator, built once: its dictionaries take seconds to load. */
    private static final class Estimator {

        private static final List<Dictionary> DEFAULT_DICTIONARIES = ConfigurationBuilder.getDefaultDictionaries();

        static Nbvcxz forUser(String username) {
            DictionaryBuilder context = new DictionaryBuilder().setDictionaryName("context").setExclusion(true);
            for (String word : PRODUCT_WORDS) {
                context.addWord(word, 0);
            }
            if (username != null && !username.isBlank()) {
                context.addWord(username.toLowerCase(Locale.ROOT), 0);
            }
            List<Dictionary> dictionaries = new ArrayList<>(DEFAULT_DICTIONARIES);
            dictionaries.add(context.createDictionary());
            Configuration configuration = new ConfigurationBuilder().setDictionaries(dictionaries)
                    .setMinimumEntropy(MIN_ENTROPY_BITS).setLocale(Locale.ENGLISH).createConfiguration();
            return new Nbvcxz(configuration);
        }
    }
}
