package dev.autoremediate.remediator.api;

import static dev.autoremediate.remediator.support.ReviewFixtures.password;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.service.OutboxRetentionSweeper;
import dev.autoremediate.remediator.service.OutcomeService;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.OutboxDelivery;
import dev.autoremediate.remediator.support.ReviewFixtures;
import dev.autoremediate.remediator.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API against the real application (in-JVM KRaft broker, H2, the real security chain): every endpoint for
 * anonymous callers (401) and each role (403 below the endpoint's role), bearer tokens, and the approval flow — a
 * decision held by an APPROVAL_REQUIRED mode sends its retry command once, when approved.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewApiIT {

    private static final ReviewFixtures fixtures = new ReviewFixtures("review-api-it");
    private static final ContractCodec codec = new ContractCodec();
    private static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    FailureDecisionService service;
    @Autowired
    DecisionStore store;
    @Autowired
    OutcomeService outcomes;
    @Autowired
    OutboxRetentionSweeper retention;
    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fixtures.register(registry);
    }

    private String applied;

    @BeforeAll
    void decideSome() throws Exception {
        service.handle(FailureEvents.heapOom("api-applied"));
        service.handle(ReviewFixtures.ownedBy(FailureEvents.tableNotFound("api-other-team"), "team-search"));
        service.handle(ReviewFixtures.unrecognised("api-unknown-1", 7));
        service.handle(ReviewFixtures.unrecognised("api-unknown-2", 12));
        service.handle(ReviewFixtures.unrecognised("api-unknown-3", 31));
        applied = RemediationPolicy.decisionId("api-applied-evt-1", FailureEvents.OCCURRED_AT);
    }

    // ---- the role matrix -----------------------------------------------------------------------------------------

    /** A fresh request builder each time: post-processors added to a builder accumulate. */
    private record Endpoint(String name, Supplier<MockHttpServletRequestBuilder> request, String role, int okStatus) {
    }

    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("list decisions", () -> get("/api/v1/decisions"), "viewer", 200),
                new Endpoint("decision detail", () -> get("/api/v1/decisions/" + applied), "viewer", 200),
                new Endpoint("approve (not pending)", () -> post("/api/v1/decisions/" + applied + "/approve")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"comment\":\"m\"}"), "oncall", 409),
                new Endpoint("reject (not pending)", () -> post("/api/v1/decisions/" + applied + "/reject")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"comment\":\"m\"}"), "oncall", 409),
                new Endpoint("list modes", () -> get("/api/v1/modes"), "viewer", 200),
                new Endpoint("effective mode", () -> get("/api/v1/modes/effective").param("jobId", "x"), "viewer", 200),
                new Endpoint("set mode", () -> put("/api/v1/modes").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"scope\":\"JOB\",\"key\":\"matrix-job\",\"mode\":\"DRY_RUN\"}"), "oncall", 200),
                new Endpoint("clear mode (none set)", () -> delete("/api/v1/modes").param("scope", "JOB")
                        .param("key", "never-set"), "oncall", 404),
                new Endpoint("rules", () -> get("/api/v1/rules"), "viewer", 200),
                new Endpoint("unclassified", () -> get("/api/v1/unclassified"), "viewer", 200),
                new Endpoint("audit", () -> get("/api/v1/audit"), "viewer", 200),
                new Endpoint("dashboard", () -> get("/api/v1/dashboard"), "viewer", 200),
                new Endpoint("principals", () -> get("/api/v1/security/principals"), "admin", 200),
                new Endpoint("prometheus", () -> get("/actuator/prometheus"), "viewer", 200));
    }

    @Test
    void every_endpoint_answers_401_to_anonymous_403_below_its_role_and_works_from_its_role_up() throws Exception {
        List<String> roles = List.of("viewer", "oncall", "admin");
        for (Endpoint e : endpoints()) {
            assertThat(mvc.perform(e.request().get()).andReturn().getResponse().getStatus()).as("anonymous: " + e.name())
                    .isEqualTo(401);
            for (String role : roles) {
                int expected = roles.indexOf(role) < roles.indexOf(e.role()) ? 403 : e.okStatus();
                MvcResult r = mvc.perform(e.request().get().with(httpBasic(role, password(role)))).andReturn();
                assertThat(r.getResponse().getStatus()).as(role + ": " + e.name() + " " + r.getResponse().getContentAsString())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void health_and_the_openapi_document_are_open() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(doc).contains("/api/v1/decisions", "/api/v1/decisions/{decisionId}/approve", "/api/v1/modes",
                "/api/v1/rules", "/api/v1/unclassified", "/api/v1/audit", "bearer");
    }

    @Test
    void a_wrong_password_or_an_unknown_token_is_401_and_a_known_token_carries_its_role() throws Exception {
        mvc.perform(get("/api/v1/decisions").with(httpBasic("viewer", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/decisions").header("Authorization", "Bearer not-a-token"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/decisions").header("Authorization", "Bearer " + ReviewFixtures.VIEWER_TOKEN))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/decisions/" + applied + "/approve")
                        .header("Authorization", "Bearer " + ReviewFixtures.VIEWER_TOKEN))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/decisions/" + applied + "/approve")
                        .header("Authorization", "Bearer " + ReviewFixtures.ONCALL_TOKEN))
                .andExpect(status().isConflict());
    }

    @Test
    void a_browser_is_sent_to_the_login_page_and_a_form_without_its_csrf_token_is_refused() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
        mvc.perform(get("/login")).andExpect(status().isOk());
        mvc.perform(post("/decisions/" + applied + "/approve").with(httpBasic("oncall", password("oncall"))))
                .andExpect(status().isForbidden());
    }

    // ---- approvals and modes -------------------------------------------------------------------------------------

    @Test
    void an_approval_required_job_waits_and_its_approval_sends_one_retry_command() throws Exception {
        setMode("JOB", "api-pending", "APPROVAL_REQUIRED", "oncall");
        service.handle(FailureEvents.heapOom("api-pending"));
        String id = RemediationPolicy.decisionId("api-pending-evt-1", FailureEvents.OCCURRED_AT);
        assertThat(store.findByEventId("api-pending-evt-1").orElseThrow().status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);

        JsonNode pending = getJson("/api/v1/decisions?status=PENDING_APPROVAL&jobId=api-pending", "viewer");
        assertThat(pending.get("total").asLong()).isEqualTo(1);
        assertThat(pending.get("items").get(0).get("decisionId").asString()).isEqualTo(id);
        assertThat(commandsFor(id, Duration.ofSeconds(2))).isEmpty();

        MvcResult approved = mvc.perform(post("/api/v1/decisions/" + id + "/approve")
                        .with(httpBasic("oncall", password("oncall")))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"comment\":\"checked the cluster\"}"))
                .andExpect(status().isOk()).andReturn();
        assertThat(json.readTree(approved.getResponse().getContentAsString()).get("status").asString()).isEqualTo("APPLIED");
        mvc.perform(post("/api/v1/decisions/" + id + "/approve").with(httpBasic("admin", password("admin"))))
                .andExpect(status().isConflict());

        List<RetryCommand> commands = commandsFor(id, Duration.ofSeconds(3));
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).nextAttempt()).isEqualTo(2);
        assertThat(commands.get(0).configOverrides()).containsKey("spark.executor.memory");

        JsonNode detail = getJson("/api/v1/decisions/" + id, "viewer");
        assertThat(detail.get("decision").get("status").asString()).isEqualTo("APPLIED");
        assertThat(detail.get("audit").get(0).get("actor").asString()).isEqualTo("oncall");
        assertThat(detail.get("audit").get(0).get("comment").asString()).isEqualTo("checked the cluster");
        assertThat(detail.get("timeline").valueStream().map(t -> t.get("kind").asString()).toList())
                .contains("FAILED", "DECIDED", "APPROVE").containsAnyOf("COMMAND_SENT", "COMMAND_WAITING");

        // the scheduler reports the retried attempt: the decision closes as SUCCEEDED and the timeline shows it
        outcomes.handle(new JobOutcome(1, "api-pending", "api-pending/2026-11-22", 2, Instant.now(), true,
                commands.get(0).configOverrides(), null, null));
        JsonNode closed = getJson("/api/v1/decisions/" + id, "viewer");
        assertThat(closed.get("decision").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(closed.get("timeline").valueStream().map(t -> t.get("kind").asString()).toList())
                .endsWith("OUTCOME_SUCCEEDED");
        String rule = closed.get("decision").get("classification").get("ruleId").asString();
        JsonNode ruleRow = getJson("/api/v1/rules", "viewer").get("rules").valueStream()
                .filter(r -> r.get("ruleId").asString().equals(rule)).findFirst().orElseThrow();
        assertThat(ruleRow.get("succeeded").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(ruleRow.get("successRate").isNumber()).isTrue();
        assertThat(getJson("/api/v1/dashboard?days=7", "viewer").get("successRate").isNumber()).isTrue();

        JsonNode audit = getJson("/api/v1/audit", "viewer");
        assertThat(audit.get("items").valueStream().map(a -> a.get("action").asString() + " " + a.get("targetId").asString())
                .toList()).contains("APPROVE " + id, "MODE_SET JOB:api-pending");
    }

    @Test
    void a_rejected_decision_sends_nothing() throws Exception {
        setMode("JOB", "api-reject", "APPROVAL_REQUIRED", "oncall");
        service.handle(FailureEvents.containerKilled("api-reject"));
        String id = RemediationPolicy.decisionId("api-reject-evt-1", FailureEvents.OCCURRED_AT);
        mvc.perform(post("/api/v1/decisions/" + id + "/reject").with(httpBasic("oncall", password("oncall")))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"comment\":\"owner is redeploying\"}"))
                .andExpect(status().isOk());
        assertThat(store.findByEventId("api-reject-evt-1").orElseThrow().status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(getJson("/api/v1/decisions/" + id, "viewer").get("decision").get("status").asString())
                .isEqualTo("REJECTED");
        assertThat(commandsFor(id, Duration.ofSeconds(3))).isEmpty();
        mvc.perform(post("/api/v1/decisions/" + id + "/approve").with(httpBasic("oncall", password("oncall"))))
                .andExpect(status().isConflict());
    }

    @Test
    void the_most_specific_mode_wins_job_over_team_over_category() throws Exception {
        setMode("CATEGORY", "MEMORY_OVERHEAD", "DRY_RUN", "oncall");
        setMode("TEAM", "team-modes", "APPROVAL_REQUIRED", "oncall");
        setMode("JOB", "api-modes-auto", "AUTOMATIC", "oncall");

        JsonNode byCategory = getJson("/api/v1/modes/effective?jobId=api-dry&owner=team-playback&category=MEMORY_OVERHEAD", "viewer");
        assertThat(byCategory.get("mode").asString()).isEqualTo("DRY_RUN");
        JsonNode byTeam = getJson("/api/v1/modes/effective?jobId=api-t&owner=team-modes&category=MEMORY_OVERHEAD", "viewer");
        assertThat(byTeam.get("mode").asString()).isEqualTo("APPROVAL_REQUIRED");
        JsonNode byJob = getJson("/api/v1/modes/effective?jobId=api-modes-auto&owner=team-modes&category=MEMORY_OVERHEAD", "viewer");
        assertThat(byJob.get("mode").asString()).isEqualTo("AUTOMATIC");

        service.handle(FailureEvents.containerKilled("api-dry"));
        String dry = RemediationPolicy.decisionId("api-dry-evt-1", FailureEvents.OCCURRED_AT);
        assertThat(store.findByEventId("api-dry-evt-1").orElseThrow().status()).isEqualTo(DecisionStatus.DRY_RUN);
        service.handle(ReviewFixtures.ownedBy(FailureEvents.containerKilled("api-modes-auto"), "team-modes"));
        assertThat(store.findByEventId("api-modes-auto-evt-1").orElseThrow().status()).isEqualTo(DecisionStatus.APPLIED);
        assertThat(commandsFor(dry, Duration.ofSeconds(2))).isEmpty();

        mvc.perform(delete("/api/v1/modes").param("scope", "CATEGORY").param("key", "MEMORY_OVERHEAD")
                .param("comment", "done").with(httpBasic("oncall", password("oncall")))).andExpect(status().isOk());
        assertThat(getJson("/api/v1/modes/effective?jobId=api-dry&owner=team-playback&category=MEMORY_OVERHEAD", "viewer")
                .get("mode").asString()).isEqualTo("AUTOMATIC");
        mvc.perform(put("/api/v1/modes").with(httpBasic("oncall", password("oncall")))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"scope\":\"CATEGORY\",\"key\":\"NOT_A_CATEGORY\",\"mode\":\"DRY_RUN\"}"))
                .andExpect(status().isBadRequest());
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    @Test
    void decisions_filter_by_job_owner_category_status_rule_and_time_and_page() throws Exception {
        assertThat(getJson("/api/v1/decisions?owner=team-search", "viewer").get("items").valueStream()
                .map(i -> i.get("jobId").asString()).toList()).containsExactly("api-other-team");
        assertThat(getJson("/api/v1/decisions?category=UNKNOWN", "viewer").get("total").asLong()).isGreaterThanOrEqualTo(3);
        JsonNode heap = getJson("/api/v1/decisions?jobId=api-applied", "viewer").get("items").get(0);
        String rule = heap.get("ruleId").asString();
        assertThat(getJson("/api/v1/decisions?ruleId=" + rule, "viewer").get("items").valueStream()
                .allMatch(i -> i.get("ruleId").asString().equals(rule))).isTrue();
        assertThat(getJson("/api/v1/decisions?status=APPLIED&jobId=api-applied", "viewer").get("total").asLong()).isEqualTo(1);
        assertThat(getJson("/api/v1/decisions?to=2000-01-01T00:00:00Z", "viewer").get("total").asLong()).isZero();
        assertThat(getJson("/api/v1/decisions?from=2000-01-01T00:00:00Z", "viewer").get("total").asLong()).isGreaterThanOrEqualTo(5);
        JsonNode page = getJson("/api/v1/decisions?size=2&page=1", "viewer");
        assertThat(page.get("items").size()).isEqualTo(2);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        mvc.perform(get("/api/v1/decisions?status=NOPE").with(httpBasic("viewer", password("viewer"))))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/decisions/no-such-decision").with(httpBasic("viewer", password("viewer"))))
                .andExpect(status().isNotFound());
    }

    @Test
    void a_decision_detail_explains_the_rule_the_config_diff_and_links_the_overrides() throws Exception {
        JsonNode d = getJson("/api/v1/decisions/" + applied, "viewer");
        JsonNode rule = d.get("matchedRules").get(0);
        assertThat(rule.get("deciding").asBoolean()).isTrue();
        assertThat(rule.get("description").asString()).isNotBlank();
        assertThat(rule.get("ruleId").asString()).isEqualTo(d.get("decision").get("classification").get("ruleId").asString());
        assertThat(d.get("currentPackVersion").asString()).isEqualTo(
                d.get("decision").get("classification").get("rulePackVersion").asString());
        JsonNode diff = d.get("configDiff");
        assertThat(diff.valueStream().map(r -> r.get("key").asString() + ":" + r.get("before").asString()).toList())
                .contains("spark.executor.memory:8g");
        assertThat(d.get("event").get("job").get("jobId").asString()).isEqualTo("api-applied");
        assertThat(d.get("links").get("configOverrides").asString()).isEqualTo("/api/v1/jobs/api-applied/config");
        // the config tuner's prediction for the chosen configuration is shown with the model scores
        assertThat(d.get("model").get("predictedSuccess").asDouble())
                .isEqualTo(d.get("decision").get("action").get("predictedSuccess").asDouble());
    }

    @Test
    void the_rule_table_counts_hits_and_unclassified_failures_group_by_template() throws Exception {
        JsonNode rules = getJson("/api/v1/rules", "viewer");
        assertThat(rules.get("rules").size()).isGreaterThan(50);
        assertThat(rules.get("packVersion").asString()).isNotBlank();
        String heapRule = getJson("/api/v1/decisions?jobId=api-applied", "viewer").get("items").get(0).get("ruleId").asString();
        JsonNode row = rules.get("rules").valueStream().filter(r -> r.get("ruleId").asString().equals(heapRule))
                .findFirst().orElseThrow();
        assertThat(row.get("hits").asLong()).isGreaterThanOrEqualTo(1);

        JsonNode groups = getJson("/api/v1/unclassified", "viewer");
        JsonNode flux = groups.valueStream().filter(g -> g.get("template").asString().contains("flux capacitor"))
                .findFirst().orElseThrow();
        assertThat(flux.get("count").asLong()).isEqualTo(3);
        assertThat(flux.get("template").asString()).contains("partition <n>").doesNotContain("partition 7");
        assertThat(flux.get("jobs").size()).isEqualTo(3);
    }

    @Test
    void prometheus_shows_decisions_by_category_action_source_latency_outcomes_consumer_lag_and_the_breaker()
            throws Exception {
        String metrics = mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + ReviewFixtures.VIEWER_TOKEN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(metrics).contains("autoremediate_decisions_total{action=\"RETRY_WITH_CONFIG\",category=\"MEMORY_EXECUTOR_OOM\",source=\"RULE\"",
                "autoremediate_decision_latency_seconds_count", "autoremediate_remediations{result=\"succeeded\"}",
                "autoremediate_remediation_success_ratio", "kafka_consumer_fetch_manager_records_lag_max",
                "autoremediate_guard_breaker_state{state=\"closed\"} 1.0",
                "autoremediate_guard_breaker_state{state=\"open\"} 0.0", "autoremediate_guard_breaker_failure_rate");
        String health = mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(health).contains("\"kafka\"", "\"store\"", "outboxWaiting", "\"guard\"", "\"circuitBreaker\"");
    }

    @Test
    void a_retry_command_delivered_before_the_retention_loses_its_payload_and_keeps_its_place_in_the_timeline()
            throws Exception {
        service.handle(FailureEvents.heapOom("api-retention"));
        String id = RemediationPolicy.decisionId("api-retention-evt-1", FailureEvents.OCCURRED_AT);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !store.deliveries(id).isEmpty()
                && store.deliveries(id).stream().allMatch(d -> d.status() == OutboxDelivery.Status.DELIVERED));
        // as if delivered 30 days ago (the default retention is 7 days)
        var sql = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
        sql.sql("update outbox set published_at = ? where decision_id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(30))), id).update();
        long before = retention.clearedTotal();

        retention.sweep(); // (its timer's sweep, on the same bean, may have come first: both count in clearedTotal)

        int messages = store.deliveries(id).size();
        assertThat(messages).isGreaterThanOrEqualTo(2); // the decision and its retry command
        assertThat(retention.clearedTotal() - before).isEqualTo(messages);
        assertThat(sql.sql("select payload from outbox where decision_id = ?").param(id).query(String.class).list())
                .containsOnly("");
        assertThat(store.deliveries(id)).extracting(OutboxDelivery::status).containsOnly(OutboxDelivery.Status.DELIVERED);
        JsonNode detail = getJson("/api/v1/decisions/" + id, "viewer");
        assertThat(detail.get("timeline").valueStream().filter(t -> t.get("kind").asString().equals("COMMAND_SENT"))
                .map(t -> t.get("text").asString()).toList())
                .singleElement().asString().contains("its payload was cleared");
        String metrics = mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + ReviewFixtures.VIEWER_TOKEN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(metrics).contains("autoremediate_outbox_payloads_cleared_total " + (double) retention.clearedTotal());
    }

    @Test
    void the_admin_sees_principals_without_secrets() throws Exception {
        String body = mvc.perform(get("/api/v1/security/principals").with(httpBasic("admin", password("admin"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("\"viewer\"", "token:dashboards", "ONCALL").doesNotContain("$2a$", "sha256");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void setMode(String scope, String key, String mode, String user) throws Exception {
        mvc.perform(put("/api/v1/modes").with(httpBasic(user, password(user))).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("scope", scope, "key", key, "mode", mode,
                                "comment", "test"))))
                .andExpect(status().isOk());
    }

    private JsonNode getJson(String path, String user) throws Exception {
        String body = mvc.perform(get(path).with(httpBasic(user, password(user)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private List<RetryCommand> commandsFor(String decisionId, Duration settle) {
        return TopicReader.readAll(fixtures.bootstrapServers(), "job-retry-commands", Integer.MAX_VALUE, settle,
                        Duration.ZERO).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), RetryCommand.class))
                .filter(c -> c.decisionId().equals(decisionId))
                .toList();
    }
}
