package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The report of a real {@code compare} run (two presets, two seeds, a small slice of the shipped data) opened in
 * Debian's chromium: what a reader sees first is the verdict, every chart decodes and has its own title, the preset
 * table names norm, form, momentum, weight decay and learning rate, accuracies are in percent, and the environment
 * shows the BLAS that results.json records. Saves target/report.png (a full-page screenshot).
 */
@Tag("slow")
class ReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theReportShowsTheVerdictFirstAndEveryChartInABrowser() throws Exception {
        String driverPath = ExploreBrowserTest.chromedriver();
        Assumptions.assumeTrue(driverPath != null, "SKIPPED: chromedriver is not installed here; .ci/run installs Debian's"
                + " chromium and chromium-driver, so CI runs this test (apt-get install -y chromium chromium-driver)");
        Path out = dir.resolve("report");
        Cli.Outcome run = Cli.run("compare", "--optimizers", "sgd,muon", "--epochs", "1", "--train-limit", "640",
                "--test-limit", "200", "--seeds", "2", "--no-progress", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());

        Path profile = Files.createTempDirectory("steepest-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium").exists() ? "/usr/bin/chromium" : "/usr/lib/chromium/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1300,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(out.resolve("report.html").toUri().toString());
            JavascriptExecutor js = (JavascriptExecutor) driver;

            // the first section is the verdict, and it says something about muon against the baseline sgd
            List<WebElement> h2 = driver.findElements(By.tagName("h2"));
            assertEquals("Verdict", h2.get(0).getText());
            Set<String> titles = new HashSet<>();
            for (WebElement e : h2) {
                assertTrue(titles.add(e.getText()), "two sections titled '" + e.getText() + "'");
            }
            String verdict = (String) js.executeScript(
                    "const v = document.getElementById('verdict'); return v.nextElementSibling.nextElementSibling.innerText;");
            assertTrue(verdict.contains("muon"), verdict);
            String expected = results.get("verdict").get(0).get("statement").asText();
            assertTrue(verdict.contains(expected), verdict + " should state: " + expected);

            // every chart is a decoded image with a title of its own
            List<WebElement> images = driver.findElements(By.tagName("img"));
            assertTrue(images.size() >= 8, images.size() + " charts");
            Set<String> alts = new HashSet<>();
            for (WebElement img : images) {
                Number w = (Number) js.executeScript("return arguments[0].naturalWidth;", img);
                assertTrue(w.intValue() > 100, img.getAttribute("alt") + " did not decode");
                assertTrue(alts.add(img.getAttribute("alt")), "two charts titled '" + img.getAttribute("alt") + "'");
            }

            // the preset table and percent in the summary
            String optimizers = tableAfter(js, "Optimizers");
            for (String column : new String[] {"norm", "form", "momentum", "weight decay", "learning rate", "how chosen"}) {
                assertTrue(optimizers.contains(column), column + " missing from: " + optimizers);
            }
            assertTrue(optimizers.contains("spectral"), optimizers);
            String summary = tableAfter(js, "Summary");
            assertTrue(summary.matches("(?s).*\\d+\\.\\d\\d ± \\d+\\.\\d\\d%.*"), summary);

            // the environment names the BLAS that results.json records
            String environment = tableAfter(js, "Environment");
            assertTrue(environment.contains(results.get("environment").get("blas").asText()), environment);

            // a full-page screenshot with real content
            Number height = (Number) js.executeScript("return document.body.scrollHeight;");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1300, Math.min(16000, height.intValue() + 100)));
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "report.png"), png);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < shot.getHeight(); y += 7) {
                for (int x = 0; x < shot.getWidth(); x += 7) {
                    colours.add(shot.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 100, colours.size() + " colours: the page did not render its charts");
        } finally {
            driver.quit();
        }
    }

    /** The visible text of the first table after the h2 titled {@code title}. */
    private static String tableAfter(JavascriptExecutor js, String title) {
        return (String) js.executeScript("for (const h of document.querySelectorAll('h2')) { if (h.innerText === arguments[0]) {"
                + " let e = h.nextElementSibling; while (e && e.tagName !== 'TABLE') e = e.nextElementSibling;"
                + " return e ? e.innerText : ''; } } return '';", title);
    }
}
