package io.assetmanager.demo;

import io.assetmanager.inventory.HostFilter;
import io.assetmanager.inventory.IngestCounts;
import io.assetmanager.inventory.IngestMode;
import io.assetmanager.inventory.InventoryRepository;
import io.assetmanager.inventory.InventoryService;
import io.assetmanager.inventory.UploadFormat;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.settings.QualysSettingsForm;
import io.assetmanager.qualys.settings.QualysSettingsRepository;
import io.assetmanager.qualys.settings.QualysSettingsService;
import io.assetmanager.security.Role;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In demo mode ({@link DemoMode}), on the first start: loads the sample inventory and switches the Qualys
 * integration On against the simulator, as an admin would on the pages, so the polling timer's first run follows at
 * once. It never touches a database that holds anything else: settings for a real Qualys server, or an inventory
 * without demo settings, stop the deployment with the reason.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "SyncScheduler"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Loading the inventory is an admin's action; the demo does it as one.
@RunAs(Role.ADMIN)
public class DemoBootstrap {

    private static final Logger LOG = Logger.getLogger(DemoBootstrap.class.getName());
    static final String USER = "demo";
    /** The demo's polling interval; the demo profile makes the unit minutes. */
    static final String INTERVAL = "10";
    private static final Duration SIMULATOR_WAIT = Duration.ofSeconds(60);

    @Resource
    private TimerService timers;
    @Inject
    private QualysSettingsRepository settingsRepository;
    @Inject
    private QualysSettingsService settingsService;
    @Inject
    private InventoryService inventory;
    @Inject
    private InventoryRepository inventoryQueries;

    @PostConstruct
    void start() {
        DemoMode demo = DemoMode.current().orElse(null);
        if (demo == null) {
            return;
        }
        QualysSettings settings = settingsRepository.current();
        if (settings.getServerName() != null && DemoMode.isLoopbackHttp(settings.getServerName())) {
            LOG.info(() -> "Demo mode: already set up against " + settings.getServerName() + "; nothing loaded again");
            return;
        }
        if (settings.getServerName() != null || inventoryQueries.count(HostFilter.ALL) > 0) {
            throw new IllegalStateException("Demo mode refused: this database already holds "
                    + (settings.getServerName() != null ? "Qualys settings for " + settings.getServerName()
                    : "an inventory") + ". Demo mode only sets up a database of its own (the demo profile keeps"
                    + " it under target/demo-data); start without -Pdemo to use this one.");
        }
        // The set-up waits for the simulator, so it runs in a timeout (as the @RunAs admin), not in the deployment.
        timers.createSingleActionTimer(0, new TimerConfig(null, false));
    }

    @Timeout
    void setUp() {
        // A timeout must not throw (the container would retry it): what fails is logged, the demo stays unset.
        try {
            DemoMode demo = DemoMode.current().orElseThrow();
            waitForSimulator(demo);
            IngestCounts counts = inventory.ingest(new ByteArrayInputStream(
                    DemoInventory.csv(demo.sampleHosts()).getBytes(StandardCharsets.UTF_8)), UploadFormat.CSV,
                    IngestMode.REPLACE, USER, null);
            QualysSettingsForm form = settingsService.form();
            form.setEnabled(true);
            form.setPollingInterval(INTERVAL);
            form.setServerName(demo.simulator().toString());
            form.setUsername(demo.username());
            form.setPassword(demo.password());
            form.setAutoSubscribe(io.assetmanager.qualys.settings.AutoSubscribe.OFF);
            settingsService.save(form, USER);
            LOG.info(() -> "Demo mode: loaded " + counts.hosts() + " sample hosts and switched the Qualys integration"
                    + " On against the simulator at " + demo.simulator() + "; the first sync run starts within seconds");
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Demo mode could not load the sample inventory or configure the Qualys integration",
                    e);
        }
    }

    /** The simulator starts beside the server: give it a moment rather than fail the first run. */
    private static void waitForSimulator(DemoMode demo) {
        int port = demo.simulator().getPort() < 0 ? 80 : demo.simulator().getPort();
        long deadline = System.nanoTime() + SIMULATOR_WAIT.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(demo.simulator().getHost(), port), 1_000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    LOG.warning(() -> "Demo mode: no simulator answers at " + demo.simulator() + " after "
                            + SIMULATOR_WAIT.toSeconds() + " s; the first sync run will fail until it does");
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
