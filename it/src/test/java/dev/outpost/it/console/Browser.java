package dev.outpost.it.console;

import dev.outpost.it.TestCluster;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, with a fresh profile and Chromium's own
 * background connections switched off. Nothing is downloaded: both binaries are the system's.
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  public final ChromeDriver driver;
  private final Path profile;

  public Browser() {
    try {
      profile = Files.createTempDirectory("outpost-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.setAcceptInsecureCerts(true);
    options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--window-size=1200,800",
        "--user-data-dir=" + profile));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  public static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  public void open(String path) {
    driver.get("https://" + TestCluster.localProxy() + path);
  }

  public <T> T await(Function<WebDriver, T> condition, Duration timeout) {
    // The node list re-renders every few seconds: an element found a moment ago may be replaced.
    return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  public Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  public void screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind harms nothing
    }
  }
}
