package dev.autoremediate.remediator.web;

import static dev.autoremediate.remediator.support.ReviewFixtures.password;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.approval.ModeScope;
import dev.autoremediate.remediator.approval.ModeSetting;
import dev.autoremediate.remediator.approval.ModeStore;
import dev.autoremediate.remediator.approval.RemediationMode;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.support.ReviewFixtures;
import dev.autoremediate.remediator.support.TopicReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The review UI in real headless Chromium (Debian's chromium and chromedriver) against the running service: an
 * on-call engineer logs in, finds the decision that waits in the queue, reads why it was taken, approves it and sees
 * its new state; a viewer cannot approve. Screenshots go to {@code target/screenshots}.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewBrowserIT {

    private static final ReviewFixtures fixtures = new ReviewFixtures("review-browser-it");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ContractCodec codec = new ContractCodec();

    @LocalServerPort
    int port;
    @Autowired
    FailureDecisionService service;
    @Autowired
    DecisionStore store;
    @Autowired
    ModeStore modes;

    private WebDriver browser;
    private WebDriverWait wait;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fixtures.register(registry);
    }

    @BeforeAll
    void start() throws IOException {
        modes.set(new ModeSetting(ModeScope.JOB, "ui-pending", RemediationMode.APPROVAL_REQUIRED, "test", Instant.now(),
                "hold it for the browser test"));
        modes.set(new ModeSetting(ModeScope.JOB, "ui-viewer", RemediationMode.APPROVAL_REQUIRED, "test", Instant.now(), ""));
        service.handle(FailureEvents.heapOom("ui-pending"));
        service.handle(FailureEvents.containerKilled("ui-viewer"));
        service.handle(FailureEvents.containerKilled("ui-applied"));
        service.handle(FailureEvents.tableNotFound("ui-sql"));
        service.handle(ReviewFixtures.unrecognised("ui-unknown-1", 3));
        service.handle(ReviewFixtures.unrecognised("ui-unknown-2", 14));

        Files.createDirectories(SCREENSHOTS);
        var options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1000", "--lang=en");
        var driverService = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void an_oncall_engineer_logs_in_reads_why_approves_the_pending_decision_and_sees_it_applied() throws Exception {
        String id = RemediationPolicy.decisionId("ui-pending-evt-1", FailureEvents.OCCURRED_AT);
        browser.get(url("/decisions"));
        wait.until(ExpectedConditions.urlContains("/login"));
        screenshot("01-login");
        logIn("oncall");

        browser.get(url("/"));
        assertThat(text(By.id("pending-count"))).isEqualTo("2");
        screenshot("02-queue");
        browser.findElement(By.xpath("//table[@id='pending']//a[text()='ui-pending']")).click();
        wait.until(ExpectedConditions.urlContains("/decisions/" + id));

        assertThat(text(By.id("decision-status"))).isEqualTo("PENDING_APPROVAL");
        String why = text(By.id("why"));
        String rule = store.findByEventId("ui-pending-evt-1").orElseThrow().classification().ruleId();
        assertThat(why).contains("MEMORY_EXECUTOR_OOM", "by rule " + rule, "RETRY_WITH_CONFIG", "APPROVAL_REQUIRED");
        assertThat(text(By.id("config-diff"))).contains("spark.executor.memory", "8g");
        assertThat(text(By.id("matched-rules"))).contains(rule, "decided");
        assertThat(text(By.id("timeline"))).contains("FAILED", "DECIDED").doesNotContain("COMMAND_SENT");
        screenshot("03-decision-pending");

        browser.findElement(By.id("approve-comment")).sendKeys("cluster is healthy, go");
        browser.findElement(By.id("approve")).click();
        wait.until(ExpectedConditions.textToBe(By.id("decision-status"), "APPLIED"));
        assertThat(text(By.id("flash-message"))).contains("Approved");
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        assertThat(text(By.id("timeline"))).contains("approved by oncall", "cluster is healthy, go");
        assertThat(text(By.id("decision-audit"))).contains("oncall", "APPROVE", "PENDING_APPROVAL -> APPLIED");
        screenshot("04-decision-approved");

        assertThat(store.findByEventId("ui-pending-evt-1").orElseThrow().status()).isEqualTo(DecisionStatus.APPLIED);
        List<RetryCommand> commands = TopicReader.readAll(fixtures.bootstrapServers(), "job-retry-commands",
                        Integer.MAX_VALUE, Duration.ofSeconds(3), Duration.ZERO).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), RetryCommand.class))
                .filter(c -> c.decisionId().equals(id)).toList();
        assertThat(commands).hasSize(1);

        browser.get(url("/"));
        assertThat(text(By.id("pending-count"))).isEqualTo("1");
        browser.get(url("/audit"));
        assertThat(text(By.id("audit"))).contains("APPROVE", id, "oncall", "cluster is healthy, go");
        screenshot("05-audit");
        logOut();
    }

    @Test
    void a_viewer_reads_everything_but_cannot_approve() throws Exception {
        logIn("viewer");
        String id = RemediationPolicy.decisionId("ui-viewer-evt-1", FailureEvents.OCCURRED_AT);
        browser.get(url("/decisions/" + id));
        assertThat(text(By.id("decision-status"))).isEqualTo("PENDING_APPROVAL");
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        assertThat(text(By.id("review"))).contains("Only the ONCALL role");
        screenshot("06-decision-as-viewer");

        browser.get(url("/dashboard"));
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).hasSize(3);
        assertThat(Integer.parseInt(text(By.id("tile-decisions")))).isGreaterThanOrEqualTo(6);
        screenshot("07-dashboard");

        browser.get(url("/rules"));
        assertThat(browser.findElements(By.cssSelector("#rules tbody tr")).size()).isGreaterThan(50);
        screenshot("08-rules");

        browser.get(url("/unclassified"));
        assertThat(text(By.id("unclassified"))).contains("flux capacitor of partition <n>");
        screenshot("09-unclassified");

        browser.get(url("/decisions?status=APPLIED"));
        assertThat(text(By.id("decisions"))).contains("ui-applied").doesNotContain("ui-viewer");
        screenshot("10-decisions");

        browser.get(url("/modes"));
        assertThat(text(By.id("modes"))).contains("ui-pending", "APPROVAL_REQUIRED");
        assertThat(browser.findElements(By.id("set-mode"))).isEmpty();
        screenshot("11-modes");
        logOut();
        assertThat(store.findByEventId("ui-viewer-evt-1").orElseThrow().status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);
    }

    private void logIn(String user) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password(user));
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
        assertThat(text(By.id("current-user"))).isEqualTo(user);
    }

    private void logOut() {
        browser.findElement(By.cssSelector("form.who button")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    private String text(By by) {
        WebElement e = wait.until(ExpectedConditions.presenceOfElementLocated(by));
        return e.getText().strip();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
