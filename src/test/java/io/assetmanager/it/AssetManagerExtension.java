package io.assetmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.qualys.simulator.QualysSimulator;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the integration tests of a class share, set up and torn down in one place: the Qualys simulator, the
 * application's deployment URL, a headless Chromium (started on first use, logged in as {@code admin}), logged-in
 * HTTP sessions and {@link SyncApi}s. At the end of the class it switches the Qualys integration Off on the
 * application's settings page, whatever the tests did (test classes share the database: a server of a later class
 * must not find the integration On and its timer running), then closes the browser and stops the simulator.
 *
 * <p>Register it as a static field, so that it comes after Arquillian's extension: Arquillian deploys before it
 * (its {@code beforeAll} runs first), injects the deployment URL before each test (its {@code beforeEach} runs
 * first, this one reads the URL afterwards) and undeploys after it (its {@code afterAll} runs last, so the server
 * still answers while this one switches the integration Off):
 * <pre>
 * &#64;ExtendWith(ArquillianExtension.class)
 * class SyncIT {
 *     &#64;RegisterExtension
 *     static final AssetManagerExtension app = AssetManagerExtension.withSimulator(() -&gt; QualysSimulator.start(...));
 *     &#64;ArquillianResource
 *     private URL base;
 * </pre>
 * A class without an Arquillian deployment (one that starts its own servers) gets the simulator only.
 */
public final class AssetManagerExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** Starts the class's Qualys simulator. */
    @FunctionalInterface
    public interface SimulatorStart {
        QualysSimulator start() throws Exception;
    }

    /** How long the end of a class waits for the admin's login, which a login-throttle test may have locked. */
    private static final Duration LOGIN_LOCK_TIMEOUT = Duration.ofMinutes(1);

    private final SimulatorStart simulatorStart;
    private final Map<String, SyncApi> apis = new HashMap<>();
    private QualysSimulator simulator;
    private URL base;
    private Browser browser;

    private AssetManagerExtension(SimulatorStart simulatorStart) {
        this.simulatorStart = simulatorStart;
    }

    /** For a class that needs no Qualys simulator. */
    public static AssetManagerExtension forApplication() {
        return new AssetManagerExtension(null);
    }

    /** For a class whose tests talk to this simulator, started before the first test and stopped after the last. */
    public static AssetManagerExtension withSimulator(SimulatorStart start) {
        return new AssetManagerExtension(start);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (simulatorStart != null) {
            simulator = simulatorStart.start();
        }
    }

    /** Reads the deployment URL that Arquillian has just injected into the test instance. */
    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        Object instance = context.getRequiredTestInstance();
        for (Class<?> c = instance.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(ArquillianResource.class) && field.getType() == URL.class) {
                    field.setAccessible(true);
                    URL url = (URL) field.get(instance);
                    if (url != null) {
                        base = url;
                    }
                }
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (base != null) {
                switchIntegrationOff();
            }
        } finally {
            try {
                if (browser != null) {
                    browser.close();
                }
            } finally {
                browser = null;
                base = null;
                apis.clear();
                if (simulator != null) {
                    simulator.close();
                    simulator = null;
                }
            }
        }
    }

    /** Switches the Qualys integration Off on the settings page as the admin, and checks that it stayed Off. */
    private void switchIntegrationOff() {
        Wait.until("the admin's login to work (to switch the Qualys integration Off)", LOGIN_LOCK_TIMEOUT,
                () -> api().get("/api/v1/me").statusCode() == 200);
        Browser admin;
        if (browser == null) {
            admin = browser("admin");
        } else {
            // Logged in afresh: a test may have logged out, or its session may have ended.
            admin = browser;
            admin.logIn("admin", Deployments.ADMIN_PASSWORD);
        }
        QualysSettingsPage page = QualysSettingsPage.open(admin).enabled(false).submit();
        String result = page.result();
        assertThat(page.reload().isEnabled()).as("the Qualys integration Off at the end of the class: " + result)
                .isFalse();
    }

    /** The application's address (the Arquillian deployment's URL). */
    public URL base() {
        if (base == null) {
            throw new IllegalStateException("No deployment URL: the class needs @ExtendWith(ArquillianExtension.class),"
                    + " an @ArquillianResource URL field, and this extension registered after Arquillian's");
        }
        return base;
    }

    public QualysSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("This class has no Qualys simulator: register AssetManagerExtension"
                    + ".withSimulator(...)");
        }
        return simulator;
    }

    /** The class's Chromium, started on first use and then logged in as {@code admin}. */
    public Browser browser() {
        return browser == null ? browser("admin") : browser;
    }

    /** The class's Chromium (started on first use), logged in as {@code user} ({@code admin} or {@code viewer}). */
    public Browser browser(String user) {
        if (browser == null) {
            browser = Browser.start(base());
        }
        if (!user.equals(browser.user())) {
            browser.logIn(user, Deployments.password(user));
        }
        return browser;
    }

    /** The REST API as {@code admin}. */
    public SyncApi api() {
        return api("admin");
    }

    /** The REST API as {@code user} ({@code admin} or {@code viewer}). */
    public SyncApi api(String user) {
        return apis.computeIfAbsent(user + " " + base(), key -> new SyncApi(base(), user));
    }

    /** A new HTTP session without a login. */
    public WebSession anonymous() {
        return new WebSession(base());
    }

    /** A new HTTP session logged in through the login form as {@code user}; asserts the login worked. */
    public WebSession session(String user) {
        WebSession session = anonymous();
        HttpResponse<String> login = session.logIn(user, Deployments.password(user));
        assertThat(login.headers().firstValue("Location").orElse("")).as("login of " + user)
                .doesNotContain("login.xhtml");
        return session;
    }
}
