package io.assetmanager.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium for page tests: driven through Debian's chromedriver, both paths given so that
 * nothing is downloaded. Knows how to log in through the login form and how to wait for PrimeFaces's AJAX queue.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Long enough for a connection test that waits on a connect timeout. */
    private static final Duration AJAX_TIMEOUT = Duration.ofSeconds(90);

    private final URI base;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    /** Who logged in last through {@link #logIn}, null when nobody is. */
    private String user;

    private Browser(URL base) {
        for (String binary : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(binary).canExecute()) {
                throw new IllegalStateException(binary + " is missing: install Debian's chromium and chromium-driver"
                        + " (apt-get install -y chromium chromium-driver; .ci/run does)");
            }
        }
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new",
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000");
        LoggingPreferences console = new LoggingPreferences();
        console.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", console);
        this.driver = new ChromeDriver(service, options);
    }

    /** Starts a browser for the application at {@code base} (the Arquillian deployment URL). */
    public static Browser start(URL base) {
        return new Browser(base);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a page of the application ({@code /settings/qualys.xhtml}) and waits until it is loaded. */
    public void open(String path) {
        driver.get(base.resolve(path.startsWith("/") ? path.substring(1) : path).toString());
        waitForPage();
    }

    /** Logs in through the login form; afterwards the browser is on the page the login led to. */
    public void logIn(String user, String password) {
        this.user = null;
        driver.manage().deleteAllCookies();
        open("/login.xhtml");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("loginButton")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.not(ExpectedConditions.urlContains("login")));
        waitForPage();
        this.user = user;
    }

    /** The user logged in through {@link #logIn}, null when nobody is. */
    public String user() {
        return user;
    }

    /** Forgets the session, as a new browser would. */
    public void logOut() {
        user = null;
        driver.manage().deleteAllCookies();
    }

    public void waitForPage() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Waits until PrimeFaces has no AJAX request queued or running. A click that starts a request queues it before
     * the click returns, so calling this right after the click waits for that request's answer and update.
     */
    public void waitForAjax() {
        new WebDriverWait(driver, AJAX_TIMEOUT).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && !!window.PrimeFaces && PrimeFaces.ajax.Queue.isEmpty()")));
    }

    /** Clicks and waits for the AJAX request the click started. */
    public void clickAndWait(WebElement element) {
        element.click();
        waitForAjax();
    }

    /** What the pages wrote to the browser console since the last call (Content-Security-Policy violations too). */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core, from its WebJar on the test classpath: nothing is fetched while testing. */
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    /**
     * Runs axe-core on the page shown and returns its critical and serious violations, one line each (rule, impact,
     * what it says and the first elements it names); empty when there are none.
     */
    @SuppressWarnings("unchecked")
    public List<String> accessibilityViolations() {
        String axe;
        try (var in = Browser.class.getClassLoader().getResourceAsStream(AXE)) {
            if (in == null) {
                throw new IllegalStateException(AXE + " is not on the test classpath (org.webjars.npm:axe-core)");
            }
            axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavascriptExecutor js = driver;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'critical' || v.impact === 'serious')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        return (List<String>) result;
    }

    /** How much wider than the window the page is, in CSS pixels (0 when it fits). */
    public long overflowWidth() {
        return ((Number) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")).longValue();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
