package dev.autoremediate.remediator.api;

import static dev.autoremediate.remediator.support.ReviewFixtures.password;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.security.Role;
import dev.autoremediate.remediator.service.DecisionRetentionSweeper;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.support.ReviewFixtures;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decision retention in the real application (in-JVM KRaft broker, H2, the real security chain, the real publisher):
 * decisions decided (here: made to look decided) longer ago than {@code autoremediate.decision.retention} are deleted
 * once their messages are delivered, and a link to one of them answers 404 with a message that says it was removed by
 * the retention, in the API and in the review UI; the audit trail of the human action on it stays; the counter counts.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class DecisionRetentionApiIT {

    private static final ReviewFixtures fixtures = new ReviewFixtures("decision-retention-api-it");
    private static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    FailureDecisionService service;
    @Autowired
    DecisionStore store;
    @Autowired
    DecisionRetentionSweeper sweeper;
    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fixtures.register(registry);
        registry.add("autoremediate.decision.retention", () -> "30d");
        registry.add("autoremediate.decision.retention-sweep-interval", () -> "1h");
    }

    @Test
    void a_decision_removed_by_retention_answers_404_with_the_reason_in_the_api_and_the_ui() throws Exception {
        assertThat(sweeper.retention()).isEqualTo(Duration.ofDays(30));
        // before the retention deleted anything: the plain 404
        JsonNode plain = problem(get("/api/v1/decisions/no-such-decision"), "viewer");
        assertThat(plain.get("detail").asString()).isEqualTo("decision no-such-decision not found");

        // job ret-plain: an automatic decision, and a later run of the job
        String plainOld = decide(FailureEvents.heapOom("ret-plain"));
        String plainNew = decide(run(FailureEvents.heapOom("ret-plain"), "ret-plain/2", "ret-plain-evt-run2"));
        // job ret-approved: a decision approved by on-call (an audit entry names it), then a later run, pending
        setMode("ret-approved", "APPROVAL_REQUIRED");
        String approvedOld = decide(FailureEvents.heapOom("ret-approved"));
        mvc.perform(post("/api/v1/decisions/" + approvedOld + "/approve").with(httpBasic("oncall", password("oncall")))
                .contentType(MediaType.APPLICATION_JSON).content("{\"comment\":\"go\"}")).andExpect(status().isOk());
        String approvedNew = decide(run(FailureEvents.heapOom("ret-approved"), "ret-approved/2", "ret-approved-evt-2"));
        assertThat(store.findByEventId("ret-approved-evt-2").orElseThrow().status())
                .isEqualTo(DecisionStatus.PENDING_APPROVAL);

        // the publisher delivers their messages; then the two first runs are made 40 days old
        var sql = JdbcClient.create(dataSource);
        List<String> old = List.of(plainOld, approvedOld);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sql.sql(
                        "select count(*) from outbox where decision_id in (:ids) and delivery_status <> 'DELIVERED'")
                .param("ids", old).query(Long.class).single() == 0);
        sql.sql("update decision set decided_at = :at where decision_id in (:ids)")
                .param("at", Timestamp.from(Instant.now().minus(Duration.ofDays(40)))).param("ids", old).update();

        sweeper.sweep(); // the timer may have swept already: what counts is what is gone
        assertThat(sql.sql("select count(*) from decision where decision_id in (:ids)").param("ids", old)
                .query(Long.class).single()).isZero();
        assertThat(sweeper.deletedTotal()).isEqualTo(2);

        // the API: 404 with the reason, for the detail and for an approval
        JsonNode gone = problem(get("/api/v1/decisions/" + plainOld), "viewer");
        assertThat(gone.get("title").asString()).isEqualTo("Removed by the decision retention");
        assertThat(gone.get("removedByRetention").asBoolean()).isTrue();
        assertThat(gone.get("detail").asString()).contains("decision " + plainOld + " not found: it was removed by "
                + "the decision retention (autoremediate.decision.retention 30d), which has deleted 2 settled "
                + "decisions decided before");
        JsonNode certain = problem(get("/api/v1/decisions/" + approvedOld), "viewer");
        assertThat(certain.get("detail").asString()).startsWith("decision " + approvedOld
                + " was removed by the decision retention (autoremediate.decision.retention 30d)");
        JsonNode approveGone = problem(post("/api/v1/decisions/" + plainOld + "/approve")
                .contentType(MediaType.APPLICATION_JSON).content("{\"comment\":\"late\"}"), "oncall");
        assertThat(approveGone.get("detail").asString()).contains("removed by the decision retention");

        // the review UI: a 404 page that says why, not an error page
        MvcResult page = mvc.perform(get("/decisions/" + approvedOld).with(user("viewer")
                .authorities(new SimpleGrantedAuthority(Role.VIEWER.authority())))).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(404);
        assertThat(page.getResponse().getContentAsString()).contains("Decision removed by retention")
                .contains("was removed by the decision retention").contains("href=\"/audit\"");

        // what is kept: the later runs, the audit entry of the approval; the counter
        mvc.perform(get("/api/v1/decisions/" + plainNew).with(httpBasic("viewer", password("viewer"))))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/decisions/" + approvedNew).with(httpBasic("viewer", password("viewer"))))
                .andExpect(status().isOk());
        String audit = mvc.perform(get("/api/v1/audit").with(httpBasic("viewer", password("viewer"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(audit).contains(approvedOld);
        String metrics = mvc.perform(get("/actuator/prometheus").with(httpBasic("viewer", password("viewer"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(metrics).contains("autoremediate_decisions_deleted_total 2.0");
    }

    private String decide(FailureEvent event) {
        service.handle(event);
        return store.findByEventId(event.eventId()).orElseThrow().decisionId();
    }

    /** The same failure in another run of the job. */
    private static FailureEvent run(FailureEvent e, String runId, String eventId) {
        Job j = e.job();
        return new FailureEvent(e.schemaVersion(), eventId, e.occurredAt(), new Job(j.jobId(), runId, j.attempt(),
                j.engine(), j.engineVersion(), j.owner(), j.scheduler(), j.tier(), j.config()), e.failure(), e.metrics());
    }

    private void setMode(String job, String mode) throws Exception {
        mvc.perform(put("/api/v1/modes").with(httpBasic("oncall", password("oncall")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("scope", "JOB", "key", job, "mode", mode,
                                "comment", "test"))))
                .andExpect(status().isOk());
    }

    private JsonNode problem(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            String user) throws Exception {
        MvcResult r = mvc.perform(request.with(httpBasic(user, password(user)))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(404);
        return json.readTree(r.getResponse().getContentAsString());
    }
}
