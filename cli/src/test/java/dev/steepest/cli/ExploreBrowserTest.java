package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The explorer in a real browser: Debian's chromium driven through chromedriver loads the page,
 * changes the norm and the gradient (typed and dragged), and the numbers shown must equal what
 * {@code derive --json} computes for the same input. Saves target/explore.png.
 */
@Tag("slow")
class ExploreBrowserTest {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?");

    static String chromedriver() {
        for (String p : new String[] {"/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"}) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        return null;
    }

    @Test
    void pageShowsWhatDeriveComputes() throws Exception {
        String driverPath = chromedriver();
        Assumptions.assumeTrue(driverPath != null, "SKIPPED: chromedriver is not installed here; .ci/run installs Debian's"
                + " chromium and chromium-driver, so CI runs this test (apt-get install -y chromium chromium-driver)");
        Path profile = Files.createTempDirectory("steepest-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium").exists() ? "/usr/bin/chromium" : "/usr/lib/chromium/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort().build();
        HttpServer server = ExploreCommand.start(0);
        // a browser that cannot start throws here: the test fails, it is not skipped
        WebDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            refresh(driver);
            // the default page: ℓ∞, c = 1/(2α), α = 0.5, g = (1.5, -0.5)
            assertMatchesDerive(driver, "linf", "1.5", "-0.5");

            new Select(driver.findElement(By.id("norm"))).selectByValue("lp");
            type(driver, "p", "3");
            type(driver, "gx", "2.25");
            type(driver, "gy", "-0.75");
            refresh(driver);
            assertMatchesDerive(driver, "lp:3", "2.25", "-0.75");

            new Select(driver.findElement(By.id("norm"))).selectByValue("l2");
            WebElement plane = driver.findElement(By.id("plane"));
            new Actions(driver).moveToElement(plane, 90, -60).clickAndHold().moveByOffset(10, 5).release().perform();
            refresh(driver);
            String gx = driver.findElement(By.id("gx")).getAttribute("value");
            String gy = driver.findElement(By.id("gy")).getAttribute("value");
            assertNotEquals("2.25", gx, "dragging moved the gradient");
            // released 100 px right of and 55 px above the centre of a 460 px plane spanning [-3, 3]²
            assertEquals(100 * 6 / 460.0, Double.parseDouble(gx), 0.05, gx);
            assertEquals(55 * 6 / 460.0, Double.parseDouble(gy), 0.05, gy);
            assertMatchesDerive(driver, "l2", gx, gy);

            new Select(driver.findElement(By.id("norm"))).selectByValue("linf");
            refresh(driver);
            assertMatchesDerive(driver, "linf", gx, gy);

            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "explore.png"), png);
            assertTrue(png.length > 10_000, "a screenshot with content");
        } finally {
            driver.quit();
            server.stop(0);
        }
    }

    /** One more update after every change, awaited (earlier ones in flight are discarded by the page). */
    private static void refresh(WebDriver driver) {
        ((JavascriptExecutor) driver).executeAsyncScript("update().then(arguments[arguments.length - 1]);");
        assertEquals("ready", driver.findElement(By.tagName("body")).getAttribute("data-state"),
                () -> "page error: " + driver.findElement(By.id("error")).getText());
    }

    private static void type(WebDriver driver, String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    private static void assertMatchesDerive(WebDriver driver, String norm, String gx, String gy) throws Exception {
        JsonNode d = DeriveJsonTest.json("derive", "--norm", norm, "--penalty", "1/(2alpha)", "--alpha", "0.5",
                "--grad", gx + "," + gy, "--json");
        assertClose(DeriveJsonTest.vector(d.get("step")), shown(driver, "step"), "penalized step");
        assertClose(DeriveJsonTest.vector(d.get("direction")), shown(driver, "tstar"), "t*");
        assertClose(new double[] {d.get("dualNorm").asDouble()}, shown(driver, "dualNorm"), "‖g‖_*");
        JsonNode c = DeriveJsonTest.json("derive", "--norm", norm, "--radius", "0.5", "--grad", gx + "," + gy, "--json");
        assertClose(DeriveJsonTest.vector(c.get("step")), shown(driver, "cstep"), "constrained step");
        assertEquals(d.get("symbolic").asText(), driver.findElement(By.id("symbolic")).getText());
        assertEquals(d.get("name").asText(), driver.findElement(By.id("name")).getText());
    }

    private static double[] shown(WebDriver driver, String id) {
        Matcher m = NUMBER.matcher(driver.findElement(By.id(id)).getText());
        List<Double> v = new ArrayList<>();
        while (m.find()) {
            v.add(Double.parseDouble(m.group()));
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The page shows six significant digits. */
    private static void assertClose(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5 * Math.max(1e-12, Math.abs(want[i])) + 1e-12, what + " entry " + i);
        }
    }
}
