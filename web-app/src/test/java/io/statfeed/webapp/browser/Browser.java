package io.statfeed.webapp.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for end-to-end tests of pages, driven through Debian's chromedriver
 * ({@code scripts/ensure-chromium} installs both). Nothing is ever downloaded: the driver and the
 * browser are given by path, so Selenium Manager has nothing to look up.
 *
 * <pre>{@code
 * try (Browser browser = Browser.start()) {
 *     browser.open(page);
 *     assertEquals("200 ok", browser.awaitText(By.id("answer"), "200 ok"));
 *     browser.screenshot("answer-shown");
 * }
 * }</pre>
 *
 * Without Chromium the test is skipped, except under {@code CI=true}, where it fails saying so.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Every screenshot has the same size, so that pictures of the same page compare across runs. */
    public static final int WINDOW_WIDTH = 1280;
    public static final int WINDOW_HEIGHT = 900;
    /** How long {@code await...} waits for the page before failing: generous for a loaded 2-core machine. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration PAGE_LOAD_LIMIT = Duration.ofSeconds(30);
    /** Chromium's per-profile content setting for scripts, and its value that blocks them everywhere. */
    private static final String JAVASCRIPT_SETTING = "profile.managed_default_content_settings.javascript";
    private static final int BLOCK = 2;
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final ChromeDriver driver;

    /**
     * A screen to show pages on instead of the window: its size in CSS pixels, how many device
     * pixels make one CSS pixel, and whether it is a phone (a phone honours the page's viewport
     * meta tag and hides scroll bars).
     */
    public record Screen(String name, int width, int height, double deviceScale, boolean mobile) {
        /** A phone held upright: the 390 x 844 CSS pixels of an iPhone 12 to 15, three device pixels each. */
        public static final Screen PHONE = new Screen("phone", 390, 844, 3, true);
    }

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a fresh headless Chromium with an empty profile. */
    public static Browser start() {
        return start(true);
    }

    /**
     * Starts a fresh headless Chromium that runs no page scripts, as some readers browse: for
     * checking that a page works with what the server sends alone.
     */
    public static Browser startWithoutJavaScript() {
        return start(false);
    }

    private static Browser start(boolean javaScript) {
        requireChromium();
        // Selenium logs through java.util.logging, e.g. that it has no DevTools classes for this
        // Chromium's version; the tests use WebDriver only, so that is noise.
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(targetDir().resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=" + WINDOW_WIDTH + "," + WINDOW_HEIGHT,
                "--no-first-run", "--disable-background-networking", "--disable-component-update");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of(JAVASCRIPT_SETTING, BLOCK));
        }
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_LIMIT);
        return new Browser(driver);
    }

    /** Loads the page and waits until it has loaded (scripts started by it may still be running). */
    public Browser open(URI url) {
        driver.get(url.toString());
        return this;
    }

    public Browser open(String url) {
        return open(URI.create(url));
    }

    /**
     * Shows pages on the screen given rather than the {@link #WINDOW_WIDTH} x {@link #WINDOW_HEIGHT}
     * window, as DevTools' device toolbar does, until {@link #useWindow()}. Screenshots then have
     * that screen's size in device pixels.
     */
    public Browser emulate(Screen screen) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", screen.width(),
                "height", screen.height(), "deviceScaleFactor", screen.deviceScale(), "mobile", screen.mobile()));
        return this;
    }

    /** Back to showing pages in the window itself, after {@link #emulate(Screen)}. */
    public Browser useWindow() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        return this;
    }

    /** The WebDriver itself, for anything the helpers here do not cover. */
    public WebDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns what it returns (numbers come back as Long or Double). */
    public Object script(String javaScript, Object... arguments) {
        return driver.executeScript(javaScript, arguments);
    }

    /**
     * Runs a script that finishes later: it calls its last argument with the answer, e.g. from a
     * {@code fetch}. Selenium waits for that up to its script timeout.
     */
    public Object scriptAsync(String javaScript, Object... arguments) {
        return driver.executeAsyncScript(javaScript, arguments);
    }

    /** Waits up to {@link #WAIT} for the element to be visible. */
    public WebElement await(By locator) {
        return await(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits up to {@link #WAIT} until the element's text contains {@code expected}, and returns the whole text. */
    public String awaitText(By locator, String expected) {
        await(ExpectedConditions.textToBePresentInElementLocated(locator, expected));
        return driver.findElement(locator).getText();
    }

    /** Waits up to {@link #WAIT} for any condition, e.g. {@code ExpectedConditions.titleIs("...")}. */
    public <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /**
     * Saves what the window shows as {@code target/screenshots/NAME.png} of this module and returns
     * the file, for a person to look at after the run.
     */
    public Path screenshot(String name) {
        Path file = screenshotFile(name);
        try {
            File taken = driver.getScreenshotAs(OutputType.FILE);
            return Files.move(taken.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    private static Path screenshotFile(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a screenshot name is letters, digits, '.', '_' and '-', got '" + name + "'");
        }
        try {
            return Files.createDirectories(targetDir().resolve("screenshots")).resolve(name + ".png");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the screenshots folder", e);
        }
    }

    /**
     * Like {@link #screenshot(String)}, but the whole page from top to bottom rather than what the
     * window shows, for reading a long page at a glance.
     */
    public Path screenshotWholePage(String name) {
        Path file = screenshotFile(name);
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                .get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", content.get("width"),
                "height", content.get("height"), "scale", 1);
        String png = (String) driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
        try {
            return Files.write(file, Base64.getDecoder().decode(png));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    /** What the pages' scripts wrote to the console (errors, warnings, console.log), oldest first. */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /** Closes the browser and stops the driver. */
    @Override
    public void close() {
        driver.quit();
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = CHROMIUM + " or " + CHROMEDRIVER + " is missing; scripts/ensure-chromium installs them";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true needs the browser tests to run: " + missing);
        }
        Assumptions.abort(missing);
    }

    /** This module's target folder: surefire runs tests in the module's folder and says so in basedir. */
    private static Path targetDir() {
        return Path.of(System.getProperty("basedir", ".")).resolve("target");
    }
}
