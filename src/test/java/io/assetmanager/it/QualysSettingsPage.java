package io.assetmanager.it;

import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Settings &gt; Integrations &gt; Qualys as a person uses it: fill the fields, submit, read the result and the
 * messages next to the fields. Other page tests configure the integration through it:
 * <pre>QualysSettingsPage.open(browser).configure(simulator.url().toString(), user, password)</pre>
 */
public final class QualysSettingsPage {

    public static final String PATH = "/settings/qualys.xhtml";
    public static final String CONFIGURED_PROPERLY = "Product configured properly.";
    private static final String FORM = "settingsForm:";

    private final Browser browser;

    private QualysSettingsPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the page (the browser must be logged in as an admin). */
    public static QualysSettingsPage open(Browser browser) {
        browser.open(PATH);
        if (browser.driver().findElements(By.id(FORM + "submit")).isEmpty()) {
            throw new IllegalStateException("Not on the Qualys settings page: " + browser.driver().getCurrentUrl()
                    + " (" + browser.driver().getTitle() + ")");
        }
        return new QualysSettingsPage(browser);
    }

    /** Switches On (with the server, username and password), submits and returns the result line. */
    public String configure(String server, String username, String password) {
        return enabled(true).server(server).username(username).password(password).submit().result();
    }

    private WebElement element(String id) {
        return browser.driver().findElement(By.id(FORM + id));
    }

    private QualysSettingsPage type(String id, String text) {
        WebElement input = element(id);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    private String value(String id) {
        return element(id).getDomProperty("value");
    }

    private boolean toggled(String id) {
        return element(id + "_input").isSelected();
    }

    private QualysSettingsPage toggle(String id, boolean on, boolean ajax) {
        if (toggled(id) != on) {
            element(id).click();
            if (ajax) {
                browser.waitForAjax();
            }
        }
        return this;
    }

    public QualysSettingsPage enabled(boolean on) {
        return toggle("enabled", on, true);
    }

    public QualysSettingsPage interval(String hours) {
        return type("interval", hours);
    }

    public QualysSettingsPage server(String server) {
        return type("server", server);
    }

    public QualysSettingsPage username(String username) {
        return type("username", username);
    }

    public QualysSettingsPage password(String password) {
        return type("password", password);
    }

    /** Auto-Subscribe On or Off. */
    public QualysSettingsPage autoSubscribe(boolean on) {
        return autoSubscribe(on ? "On" : "Off");
    }

    /** Auto-Subscribe by the label of its choice: Off, On, or On, after approval. */
    public QualysSettingsPage autoSubscribe(String choice) {
        new org.openqa.selenium.support.ui.Select(element("autoSubscribe")).selectByVisibleText(choice);
        return this;
    }

    /** The switch "Stale hosts join the DISCOVERED group". */
    public QualysSettingsPage staleJoinDiscovered(boolean on) {
        return toggle("staleJoinDiscovered", on, true);
    }

    public QualysSettingsPage groupTitle(String title) {
        return type("groupTitle", title);
    }

    public QualysSettingsPage exclusions(String lines) {
        return type("exclusions", lines);
    }

    public QualysSettingsPage maxAdd(String cap) {
        return type("maxAdd", cap);
    }

    /** Clicks Submit and waits for the save and the connection test. */
    public QualysSettingsPage submit() {
        browser.clickAndWait(element("submit"));
        return this;
    }

    /** Reloads the page from the server, as a person pressing F5 would. */
    public QualysSettingsPage reload() {
        return open(browser);
    }

    public boolean isEnabled() {
        return toggled("enabled");
    }

    /** Whether Auto-Subscribe is On (not Off, nor On after approval). */
    public boolean isAutoSubscribe() {
        return "On".equals(autoSubscribeChoice());
    }

    /** The label of the Auto-Subscribe choice shown. */
    public String autoSubscribeChoice() {
        return new org.openqa.selenium.support.ui.Select(element("autoSubscribe")).getFirstSelectedOption().getText();
    }

    public String interval() {
        return value("interval");
    }

    public String server() {
        return value("server");
    }

    public String username() {
        return value("username");
    }

    /** Whether a password is stored: the empty password field then says it will be kept. */
    public boolean passwordStored() {
        return !element("password").getDomProperty("placeholder").isEmpty();
    }

    /** What the password field holds: always empty when the page is rendered. */
    public String passwordField() {
        return value("password");
    }

    public String groupTitle() {
        return value("groupTitle");
    }

    public String exclusions() {
        return value("exclusions");
    }

    public String maxAdd() {
        return value("maxAdd");
    }

    /** The result of the last Submit ("Product configured properly." or what went wrong), empty when none. */
    public String result() {
        return browser.driver().findElements(By.id(FORM + "resultText")).stream().findFirst().map(WebElement::getText)
                .orElse("");
    }

    /** The line listing what the last Submit changed. */
    public String savedLine() {
        return browser.driver().findElements(By.id(FORM + "saved")).stream().findFirst().map(WebElement::getText)
                .orElse("");
    }

    /** The message shown next to a field ({@code interval}, {@code server}, ...), if any. */
    public Optional<String> messageFor(String field) {
        String text = element(field + "Message").getText().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** The label bound to a field's input. */
    public String labelFor(String field) {
        return browser.driver().findElement(By.cssSelector("label[for='" + FORM + field + "'], label[for='"
                + FORM + field + "_input']")).getText().strip();
    }

    public String state() {
        return browser.driver().findElement(By.id("state")).getText();
    }

    public String lastRun() {
        return browser.driver().findElement(By.id("lastRun")).getText();
    }

    public String nextRun() {
        return browser.driver().findElement(By.id("nextRun")).getText();
    }

    /** Clicks Run now and returns the growl's text (started, or why not). */
    public String runNow() {
        browser.clickAndWait(element("runNow"));
        return growl();
    }

    public boolean runNowEnabled() {
        return element("runNow").isEnabled();
    }

    /** The growl messages on screen, joined. */
    public String growl() {
        return String.join(" | ", browser.driver().findElements(By.cssSelector(".ui-growl-message")).stream()
                .map(WebElement::getText).map(t -> t.replace('\n', ' ')).toList());
    }

    /** Clicks "Preview the next run" and returns the preview's text. */
    public String preview() {
        browser.clickAndWait(element("previewButton"));
        return element("preview").getText();
    }

    /** Clicks "Preview the next run" and returns why no preview was made. */
    public String previewProblem() {
        browser.clickAndWait(element("previewButton"));
        return element("previewProblem").getText();
    }

    /** The On/Off text beside a switch ({@code enabled}). */
    public String onOffText(String switchId) {
        return element(switchId + "Text").getText();
    }

    /** Whether leaving the page now would ask first: a beforeunload event is cancelled by the page. */
    public boolean asksBeforeLeaving() {
        return (Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "var e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e);"
                        + " return e.defaultPrevented;");
    }

    /** The audit table's rows, newest first, each as "who | field | old | new". */
    public List<String> auditRows() {
        return browser.driver().findElements(By.cssSelector("[id='" + FORM + "audit_data'] > tr")).stream()
                .filter(row -> row.findElements(By.tagName("td")).size() == 5)
                .map(row -> {
                    List<WebElement> cells = row.findElements(By.tagName("td"));
                    return cells.get(1).getText() + " | " + cells.get(2).getText() + " | " + cells.get(3).getText()
                            + " | " + cells.get(4).getText();
                }).toList();
    }
}
