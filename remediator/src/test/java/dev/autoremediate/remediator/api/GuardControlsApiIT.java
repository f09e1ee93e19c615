package dev.autoremediate.remediator.api;

import static dev.autoremediate.remediator.support.ReviewFixtures.password;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.audit.AuditEntry;
import dev.autoremediate.remediator.audit.AuditTrail;
import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.security.Role;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.support.ReviewFixtures;
import dev.autoremediate.remediator.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On-call's controls of the guard of automatic retries through the real application (in-JVM KRaft broker, embedded H2,
 * the real security chain): {@code GET /api/v1/guard} for every role, the pause, the resume and closing the circuit
 * breaker for ONCALL only, each audited; a pause holds every retry for approval with its reason and sends no retry
 * command, and after the resume the next retry goes out.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardControlsApiIT {

    private static final ReviewFixtures fixtures = new ReviewFixtures("guard-controls-api-it");
    private static final ContractCodec codec = new ContractCodec();
    private static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    FailureDecisionService service;
    @Autowired
    DecisionStore store;
    @Autowired
    AuditTrail audit;
    @Autowired
    AutomaticActionGuard guard;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fixtures.register(registry);
        registry.add("autoremediate.policy.circuit-breaker.sliding-window-size", () -> "4");
        registry.add("autoremediate.policy.circuit-breaker.minimum-calls", () -> "4");
        registry.add("autoremediate.policy.circuit-breaker.wait-in-open", () -> "1h");
    }

    /** Each test starts from a guard that lets retries out, whatever the one before left. */
    @AfterEach
    void runningAgain() {
        guard.resume();
        guard.closeByOnCall();
    }

    @Test
    void anyone_signed_in_sees_the_guard_and_only_oncall_changes_it() throws Exception {
        assertThat(status(get("/api/v1/guard"), null)).isEqualTo(401);
        JsonNode view = json.readTree(call(get("/api/v1/guard"), "viewer", 200).getContentAsString());
        assertThat(view.get("automaticRetries").asString()).isIn("RUNNING", "PAUSED", "HELD_BY_BREAKER");
        assertThat(view.get("rateLimit").get("limit").asInt()).isEqualTo(600);
        assertThat(view.get("rateLimit").get("window").asString()).isEqualTo("PT1M");
        assertThat(view.get("breaker").has("since")).isTrue();
        assertThat(view.get("instanceId").asString()).isNotBlank();

        assertThat(status(pause("{\"comment\":\"viewer tries\"}"), "viewer")).isEqualTo(403);
        assertThat(status(delete("/api/v1/guard/pause"), "viewer")).isEqualTo(403);
        assertThat(status(close("{\"comment\":\"viewer tries\"}"), "viewer")).isEqualTo(403);
        assertThat(status(pause("{\"comment\":\"viewer tries\"}"), null)).isEqualTo(401);
        assertThat(audit.forTarget("GUARD", "automatic-retries")).as("nothing the viewer tried")
                .noneMatch(e -> e.actor().equals("viewer"));
        assertThat(guard.paused()).isZero();
    }

    @Test
    void the_review_uis_guard_forms_are_refused_to_a_viewer_and_change_nothing() throws Exception {
        var viewer = user("viewer").authorities(new SimpleGrantedAuthority(Role.VIEWER.authority()));
        for (String form : List.of("/guard/pause", "/guard/resume", "/guard/breaker/close")) {
            int status = mvc.perform(post(form).param("comment", "viewer tries").param("minutes", "30")
                    .with(viewer).with(csrf())).andReturn().getResponse().getStatus();
            assertThat(status).as(form).isEqualTo(403);
        }
        assertThat(guard.paused()).isZero();
        assertThat(audit.forTarget("GUARD", "automatic-retries")).noneMatch(e -> e.actor().equals("viewer"));

        // the same form from on-call pauses (so the refusal above is the role's, not a broken form)
        var oncall = user("oncall").authorities(new SimpleGrantedAuthority(Role.ONCALL.authority()));
        int status = mvc.perform(post("/guard/pause").param("comment", "on-call pauses from the dashboard")
                .with(oncall).with(csrf())).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(302);
        assertThat(guard.paused()).isEqualTo(1);
    }

    @Test
    void bad_input_gets_a_400_that_says_what_to_fix_and_changes_nothing() throws Exception {
        assertThat(call(pause("{}"), "oncall", 400).getContentAsString())
                .contains("a comment (why automatic retries are paused) is required");
        assertThat(call(pause("{\"comment\":\"  \"}"), "oncall", 400).getContentAsString())
                .contains("a comment (why automatic retries are paused) is required");
        assertThat(call(pause(""), "oncall", 400).getContentAsString()).contains("comment");
        assertThat(call(pause("{\"comment\":\"late\",\"until\":\"2020-01-01T00:00:00Z\"}"), "oncall", 400)
                .getContentAsString()).contains("until (2020-01-01T00:00:00Z) is not in the future");
        assertThat(call(close("{}"), "oncall", 400).getContentAsString())
                .contains("a comment (what was fixed) is required to close the circuit breaker");
        assertThat(guard.paused()).isZero();
    }

    @Test
    void a_pause_holds_every_retry_for_approval_with_its_reason_and_no_command_until_resumed() throws Exception {
        long auditedBefore = audit.forTarget("GUARD", "automatic-retries").size();
        JsonNode paused = json.readTree(call(pause("{\"comment\":\"scheduler outage INC-42\"}"), "oncall", 200)
                .getContentAsString());
        assertThat(paused.get("automaticRetries").asString()).isEqualTo("PAUSED");
        assertThat(paused.get("pause").get("by").asString()).isEqualTo("oncall");
        Instant at = Instant.parse(paused.get("pause").get("at").asString());
        assertThat(metrics()).contains("autoremediate_guard_paused 1.0");
        assertThat(health()).contains("\"pause\"", "scheduler outage INC-42");

        service.handle(FailureEvents.s3SlowDown("guard-api-held"));
        Decision held = store.findByEventId("guard-api-held-evt-1").orElseThrow();

        assertThat(held.status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);
        assertThat(held.action().reason()).endsWith("held for approval: automatic retries paused by oncall at " + at
                + ": scheduler outage INC-42");

        JsonNode resumed = json.readTree(call(delete("/api/v1/guard/pause").param("comment", "outage over"), "oncall",
                200).getContentAsString());
        assertThat(resumed.get("automaticRetries").asString()).isEqualTo("RUNNING");
        assertThat(resumed.get("pause").isNull()).isTrue();
        assertThat(metrics()).contains("autoremediate_guard_paused 0.0");

        service.handle(FailureEvents.s3SlowDown("guard-api-after"));
        Decision after = store.findByEventId("guard-api-after-evt-1").orElseThrow();
        assertThat(after.status()).isEqualTo(DecisionStatus.APPLIED);
        await().atMost(Duration.ofSeconds(60)).until(() -> commandDecisionIds().contains(after.decisionId()));
        assertThat(commandDecisionIds()).as("the held retry sent no command").doesNotContain(held.decisionId());

        List<AuditEntry> entries = audit.forTarget("GUARD", "automatic-retries");
        assertThat(entries.subList((int) auditedBefore, entries.size()))
                .extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::comment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GUARD_PAUSE", "oncall", "scheduler outage INC-42"),
                        org.assertj.core.groups.Tuple.tuple("GUARD_RESUME", "oncall", "outage over"));
    }

    @Test
    void closing_the_open_breaker_lets_the_next_retry_out_and_is_audited() throws Exception {
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false); // as four failed remediated retries would
        }
        JsonNode open = json.readTree(call(get("/api/v1/guard"), "viewer", 200).getContentAsString());
        assertThat(open.get("breaker").get("state").asString()).isEqualTo("OPEN");
        assertThat(open.get("automaticRetries").asString()).isEqualTo("HELD_BY_BREAKER");
        service.handle(FailureEvents.s3SlowDown("guard-api-breaker-held"));
        assertThat(store.findByEventId("guard-api-breaker-held-evt-1").orElseThrow().status())
                .isEqualTo(DecisionStatus.PENDING_APPROVAL);

        JsonNode closed = json.readTree(call(close("{\"comment\":\"scheduler fixed, INC-43\"}"), "oncall", 200)
                .getContentAsString());

        assertThat(closed.get("breaker").get("state").asString()).isEqualTo("CLOSED");
        service.handle(FailureEvents.s3SlowDown("guard-api-breaker-after"));
        assertThat(store.findByEventId("guard-api-breaker-after-evt-1").orElseThrow().status())
                .isEqualTo(DecisionStatus.APPLIED);
        assertThat(audit.forTarget("GUARD", "automatic-retries")).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("GUARD_BREAKER_CLOSE");
            assertThat(e.actor()).isEqualTo("oncall");
            assertThat(e.comment()).isEqualTo("scheduler fixed, INC-43");
            assertThat(e.details()).contains("circuit breaker OPEN -> CLOSED");
        });
    }

    private static MockHttpServletRequestBuilder pause(String body) {
        return post("/api/v1/guard/pause").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static MockHttpServletRequestBuilder close(String body) {
        return post("/api/v1/guard/breaker/close").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private int status(MockHttpServletRequestBuilder request, String user) throws Exception {
        return mvc.perform(user == null ? request : request.with(httpBasic(user, password(user)))).andReturn()
                .getResponse().getStatus();
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String user, int expected)
            throws Exception {
        var response = mvc.perform(request.with(httpBasic(user, password(user)))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(expected);
        return response;
    }

    private String metrics() throws Exception {
        return mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + ReviewFixtures.VIEWER_TOKEN))
                .andReturn().getResponse().getContentAsString();
    }

    private String health() throws Exception {
        return mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString();
    }

    private List<String> commandDecisionIds() {
        return TopicReader.readAll(fixtures.bootstrapServers(), "job-retry-commands", Integer.MAX_VALUE,
                        Duration.ofSeconds(3), Duration.ZERO).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), RetryCommand.class))
                .map(RetryCommand::decisionId)
                .toList();
    }
}
