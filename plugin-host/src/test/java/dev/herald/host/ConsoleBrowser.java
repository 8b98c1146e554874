package dev.herald.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through chromedriver (Debian's {@code chromium} and {@code
 * chromium-driver}, or {@code CHROME_BIN} and {@code CHROMEDRIVER}), pointed at a running Herald's
 * console. Closing it stops the browser and the driver whatever the test's outcome.
 */
final class ConsoleBrowser implements AutoCloseable {

  /** How long a page may take to show what a test waits for. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private static final Dimension LAPTOP = new Dimension(1280, 900);
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final String consoleUrl;

  private ConsoleBrowser(
      ChromeDriverService service, ChromeDriver driver, Path profile, String consoleUrl) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.consoleUrl = consoleUrl;
  }

  /** Starts Chromium for the console of the Herald whose API is at {@code apiUrl}. */
  static ConsoleBrowser start(String apiUrl) {
    Path chromium = executable("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser");
    Path chromedriver = executable("CHROMEDRIVER", "/usr/bin/chromedriver");
    Path profile;
    try {
      profile = Files.createTempDirectory("herald-console-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(chromium.toFile())
            .addArguments(
                "--headless=new",
                // Root in a container has no user namespace sandbox to offer.
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--user-data-dir=" + profile,
                // Tests send only to 127.0.0.1: none of Chromium's own calls home.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check");
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver driver = null;
    try {
      driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(LAPTOP);
      return new ConsoleBrowser(service, driver, profile, apiUrl + "/console/");
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  private static Path executable(String variable, String... candidates) {
    return Optional.ofNullable(System.getenv(variable))
        .map(Path::of)
        .or(() -> Stream.of(candidates).map(Path::of).filter(Files::isExecutable).findFirst())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the console tests need Chromium and chromedriver: apt-get install chromium"
                        + " chromium-driver, or set "
                        + variable
                        + " (looked at "
                        + List.of(candidates)
                        + ")"));
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens the console signed out: signs out through the header when a session is still on. */
  void openSignedOut() {
    driver.get(consoleUrl);
    WebElement shown =
        await(
            d ->
                d.findElements(By.cssSelector("#token, #sign-out")).stream()
                    .filter(WebElement::isDisplayed)
                    .findFirst()
                    .orElse(null));
    if (shown.getAttribute("id").equals("sign-out")) {
      shown.click();
    }
    await(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
  }

  /** Signs in with {@code token} through the sign-in form. */
  void signIn(String token) {
    openSignedOut();
    type(By.id("token"), token);
    click(By.cssSelector("form.signin button[type=submit]"));
  }

  /** Goes to a page of the console by its address, e.g. {@code deliveries?webhook_id=crm}. */
  void go(String page) {
    driver.get(consoleUrl + "#/" + page);
  }

  void type(By field, String text) {
    WebElement element = await(ExpectedConditions.elementToBeClickable(field));
    element.clear();
    element.sendKeys(text);
  }

  void click(By target) {
    await(ExpectedConditions.elementToBeClickable(target)).click();
  }

  /** The button whose text is {@code label} exactly. */
  static By button(String label) {
    return By.xpath("//button[normalize-space(.)='" + label + "']");
  }

  /** The first link whose text is {@code label} exactly. */
  static By link(String label) {
    return By.xpath("//a[normalize-space(.)='" + label + "']");
  }

  /** The field of the label whose text begins with {@code label}. */
  static By field(String label) {
    return By.xpath(
        "//label[starts-with(normalize-space(.), '"
            + label
            + "')]//*[self::input or self::select"
            + " or self::textarea]");
  }

  /** Waits, up to {@link #PATIENCE}, for {@code condition} to hold and returns its value. */
  <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100))
        // Pages render again as data arrives: an element seen a moment ago may be gone.
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /** Waits until the page's text contains {@code text}. */
  void awaitText(String text) {
    await(
        d -> {
          String shown = d.findElement(By.tagName("body")).getText();
          return shown.contains(text) ? shown : null;
        });
  }

  /** The text the page shows now. */
  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Resizes the window, e.g. to a phone's 390 × 844. */
  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves what the browser shows as {@code target/console-screenshots/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every URL the page loaded, from the browser's own resource timing. */
  @SuppressWarnings("unchecked")
  List<String> loadedUrls() {
    return ((List<Map<String, Object>>)
            driver.executeScript(
                "return performance.getEntriesByType('resource')"
                    + ".map(e => ({name: e.name})).concat([{name: location.href}])"))
        .stream().map(entry -> String.valueOf(entry.get("name"))).toList();
  }

  /** The browser console's messages since the last call, at level SEVERE. */
  List<String> severeConsoleMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind harms nothing
    }
  }
}
