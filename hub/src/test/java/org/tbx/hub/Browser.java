package org.tbx.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, with the checks every page must pass: axe-core's
 * WCAG 2.2 AA rules, and every control reachable with the Tab key.
 */
final class Browser implements AutoCloseable {

  static final Dimension PHONE = new Dimension(390, 844);
  static final Dimension DESKTOP = new Dimension(1280, 900);

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final String base;

  Browser(String base) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "the page tests need Debian's chromium and chromium-driver: apt-get install chromium"
              + " chromium-driver (.ci/run installs them)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    this.base = base;
    size(DESKTOP);
  }

  void size(Dimension d) {
    driver.manage().window().setSize(d);
  }

  void open(String path) {
    driver.get(base + path);
  }

  /** Clicks and waits until the browser has moved to a page whose address ends so. */
  void clickAndWait(By element, String addressEnd) {
    driver.findElement(element).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.getCurrentUrl().endsWith(addressEnd));
  }

  String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  /** Fails the test listing every axe-core violation of WCAG 2.0, 2.1 and 2.2 A and AA. */
  void assertAccessible(String page) {
    Results results =
        new AxeBuilder()
            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
            .analyze(driver);
    List<Rule> violations = results.getViolations();
    assertTrue(
        violations.isEmpty(),
        page
            + " at "
            + driver.manage().window().getSize()
            + ": "
            + violations.stream()
                .map(
                    v ->
                        v.getId()
                            + " ("
                            + v.getHelp()
                            + ") on "
                            + v.getNodes().stream()
                                .map(n -> String.valueOf(n.getTarget()))
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
  }

  /**
   * Presses Tab from the top of the page, twice as many times as there are controls and a few more
   * (focus comes round again), and checks it reached every link, button and form field. The key
   * presses go in one action chain and a focus listener records where focus went, so the page is
   * not asked after every key.
   */
  void assertKeyboardReachesEveryControl(String page) {
    JavascriptExecutor js = driver;
    @SuppressWarnings("unchecked")
    List<String> controls =
        (List<String>)
            js.executeScript(
                "var all = document.querySelectorAll('a[href], button, select, textarea,"
                    + " input:not([type=hidden])'); var ids = []; all.forEach(function (e, i) {"
                    + " e.setAttribute('data-tab', 't' + i); ids.push('t' + i); });"
                    + " window.tbxFocused = []; document.addEventListener('focusin', function (e) {"
                    + " var t = e.target.getAttribute && e.target.getAttribute('data-tab');"
                    + " if (t) { window.tbxFocused.push(t); } }); return ids;");
    js.executeScript(
        "document.activeElement && document.activeElement.blur(); window.scrollTo(0,0);");
    Actions keys = new Actions(driver);
    for (int i = 0; i < controls.size() * 2 + 5; i++) {
      keys.sendKeys(Keys.TAB);
    }
    keys.perform();
    @SuppressWarnings("unchecked")
    List<String> reached = (List<String>) js.executeScript("return window.tbxFocused;");
    List<String> missed = new ArrayList<>(controls);
    missed.removeAll(reached);
    assertEquals(List.of(), missed, page + ": controls the Tab key never reached");
  }

  /** Saves what the browser shows, for the README. */
  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    driver.executeScript(
        "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
