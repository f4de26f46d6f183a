package io.assetmanager.operations;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready}: the database answers. Says nothing about where it is: health endpoints need no login. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 5;

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        long start = System.nanoTime();
        boolean valid;
        try (Connection c = dataSource.getConnection()) {
            valid = c.isValid(TIMEOUT_SECONDS);
        } catch (SQLException e) {
            valid = false;
        }
        return HealthCheckResponse.named("database").status(valid)
                .withData("responseMillis", (System.nanoTime() - start) / 1_000_000).build();
    }
}
