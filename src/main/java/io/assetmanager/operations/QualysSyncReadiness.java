package io.assetmanager.operations;

import io.assetmanager.platform.DeploymentProperties;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.settings.QualysSettingsRepository;
import io.assetmanager.qualys.sync.SyncRunRepository;
import io.assetmanager.qualys.sync.SyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: the last Qualys run succeeded within two polling intervals (see {@link SyncFreshness}).
 * Reports outcomes, times and Qualys error codes only: never a server name, user or error text.
 */
@Readiness
@ApplicationScoped
public class QualysSyncReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(QualysSyncReadiness.class.getName());

    @Inject
    private QualysSettingsRepository settingsRepository;
    @Inject
    private RunFigures figures;
    @Inject
    private SyncRunRepository history;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("qualys-sync");
        SyncFreshness.Verdict verdict;
        try {
            QualysSettings s = settingsRepository.current();
            boolean configured = s.getServerName() != null && !s.getServerName().isBlank() && s.getUsername() != null
                    && s.getPasswordCiphertext() != null;
            SyncFreshness.State state = new SyncFreshness.State(s.isEnabled(), configured, s.isCredentialsRejected(),
                    s.getEnabledSince(),
                    DeploymentProperties.intervalUnit().multipliedBy(s.getPollingIntervalHours()));
            verdict = SyncFreshness.evaluate(state, figures.lastSuccessEnd(),
                    history.lastFinished().map(QualysSyncReadiness::outcomeAndCode), OffsetDateTime.now(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The Qualys sync readiness check could not read the settings or the run history", e);
            return response.down().withData("problem", "the settings or the run history cannot be read").build();
        }
        verdict.data().forEach(response::withData);
        return response.status(verdict.up()).build();
    }

    private static Map.Entry<String, String> outcomeAndCode(SyncRun run) {
        return Map.entry(run.getOutcome().name(), run.getErrorCode() == null ? "" : run.getErrorCode());
    }
}
