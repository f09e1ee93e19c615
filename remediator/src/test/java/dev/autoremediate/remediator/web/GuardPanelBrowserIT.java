package dev.autoremediate.remediator.web;

import static dev.autoremediate.remediator.support.ReviewFixtures.password;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.support.ReviewFixtures;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
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
 * The guard panel of the dashboard in real headless Chromium against the running service: a viewer sees the guard
 * without its buttons; an on-call engineer pauses every automatic retry (the next retry waits for approval with the
 * pause's reason), resumes (the next one goes out), and closes an open circuit breaker. Screenshots go to
 * {@code target/screenshots}.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardPanelBrowserIT {

    private static final ReviewFixtures fixtures = new ReviewFixtures("guard-panel-browser-it");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;
    @Autowired
    FailureDecisionService service;
    @Autowired
    DecisionStore store;
    @Autowired
    AutomaticActionGuard guard;

    private WebDriver browser;
    private WebDriverWait wait;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fixtures.register(registry);
        registry.add("autoremediate.policy.circuit-breaker.sliding-window-size", () -> "4");
        registry.add("autoremediate.policy.circuit-breaker.minimum-calls", () -> "4");
        registry.add("autoremediate.policy.circuit-breaker.wait-in-open", () -> "1h");
    }

    @BeforeAll
    void start() throws IOException {
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
    @Order(1)
    void a_viewer_sees_the_guard_but_no_buttons() throws Exception {
        logIn("viewer");
        browser.get(url("/dashboard"));
        assertThat(text(By.id("guard-state"))).isEqualTo("RUNNING");
        assertThat(text(By.id("guard-rate"))).contains("of 600 used per 1m");
        assertThat(text(By.id("guard-breaker"))).startsWith("CLOSED since");
        assertThat(text(By.id("guard-trip"))).isEqualTo("none");
        assertThat(text(By.id("guard-pause"))).isEqualTo("none");
        assertThat(browser.findElements(By.id("guard-pause-button"))).isEmpty();
        assertThat(browser.findElements(By.id("guard-resume-button"))).isEmpty();
        screenshot("guard-01-viewer");
        logOut();
    }

    @Test
    @Order(2)
    void an_oncall_engineer_pauses_every_automatic_retry_and_resumes_them_from_the_dashboard() throws Exception {
        logIn("oncall");
        browser.get(url("/dashboard"));
        assertThat(text(By.id("guard-state"))).isEqualTo("RUNNING");
        assertThat(browser.findElements(By.id("guard-resume-button"))).isEmpty();

        browser.findElement(By.id("guard-pause-comment")).sendKeys("scheduler outage INC-42");
        browser.findElement(By.id("guard-pause-button")).click();

        wait.until(ExpectedConditions.textToBe(By.id("guard-state"), "PAUSED"));
        assertThat(text(By.id("flash-message"))).contains("paused on every instance");
        assertThat(text(By.id("guard-pause"))).startsWith("by oncall at ")
                .endsWith("until resumed: scheduler outage INC-42");
        assertThat(browser.findElements(By.id("guard-pause-button"))).isEmpty();
        screenshot("guard-02-paused");

        service.handle(FailureEvents.s3SlowDown("ui-guard-held"));
        var held = store.findByEventId("ui-guard-held-evt-1").orElseThrow();
        assertThat(held.status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);
        assertThat(held.action().reason())
                .contains("automatic retries paused by oncall at ", "scheduler outage INC-42");

        browser.findElement(By.id("guard-resume-button")).click();

        wait.until(ExpectedConditions.textToBe(By.id("guard-state"), "RUNNING"));
        assertThat(text(By.id("flash-message"))).contains("resumed");
        assertThat(text(By.id("guard-pause"))).isEqualTo("none");
        service.handle(FailureEvents.s3SlowDown("ui-guard-after"));
        assertThat(store.findByEventId("ui-guard-after-evt-1").orElseThrow().status())
                .isEqualTo(DecisionStatus.APPLIED);
        screenshot("guard-03-resumed");

        browser.get(url("/audit"));
        assertThat(text(By.id("audit"))).contains("GUARD_PAUSE", "GUARD_RESUME", "scheduler outage INC-42");
        logOut();
    }

    @Test
    @Order(3)
    void an_oncall_engineer_closes_an_open_circuit_breaker_from_the_dashboard() throws Exception {
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false); // as four failed remediated retries would
        }
        logIn("oncall");
        browser.get(url("/dashboard"));
        assertThat(text(By.id("guard-state"))).isEqualTo("HELD_BY_BREAKER");
        assertThat(text(By.id("guard-breaker"))).startsWith("OPEN since").contains("100% failed of 4 judged retries");
        screenshot("guard-04-breaker-open");

        browser.findElement(By.cssSelector("#guard-close-form input[name=comment]")).sendKeys("scheduler fixed");
        browser.findElement(By.id("guard-close-button")).click();

        wait.until(ExpectedConditions.textToBe(By.id("guard-state"), "RUNNING"));
        assertThat(text(By.id("guard-breaker"))).startsWith("CLOSED since");
        assertThat(browser.findElements(By.id("guard-close-button"))).isEmpty();
        assertThat(guard.breakerState()).isEqualTo("CLOSED");
        screenshot("guard-05-breaker-closed");
        logOut();
    }

    private void logIn(String user) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password(user));
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
    }

    private void logOut() {
        browser.findElement(By.cssSelector("form.who button")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    private String text(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by)).getText().strip();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
