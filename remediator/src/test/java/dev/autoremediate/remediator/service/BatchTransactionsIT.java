package dev.autoremediate.remediator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.approval.EffectiveMode;
import dev.autoremediate.remediator.approval.ModeResolver;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.enrichment.EventEnricher;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.support.MigratedDatabases;
import dev.autoremediate.remediator.support.MutableClock;
import dev.autoremediate.rules.RulePack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A consumer's batch is stored in transactions of {@code decisionsPerTransaction} decisions, each on the service's
 * storing thread while the next events are decided. Every decision is stored once, in the batch's order; a failure in
 * the middle of a batch keeps the transactions before it, and the batch delivered again decides each remaining event
 * once and duplicates no retry command. Real parts: the store on H2 and PostgreSQL with the Flyway migrations, the
 * in-JVM broker for the outbox, the bundled rules and the policy.
 */
class BatchTransactionsIT {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static InProcessKafkaBroker broker;
    private static Path dir;

    private final ContractCodec codec = new ContractCodec();

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("batch-transactions-it");
        broker = InProcessKafkaBroker.start(dir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("batch_tx_it");
    }

    /** Decisions as the observers are told of them, with the thread that stored them. */
    private record Told(String eventId, String thread) {
    }

    private FailureDecisionService service(DataSource ds, ModeResolver modes, List<Told> told, int perTransaction) {
        var clock = new MutableClock(T0);
        var store = new JdbcDecisionStore(ds, codec, clock);
        var kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer()));
        var publisher = new OutboxPublisher(store, kafka, clock, 10_000);
        DecisionObserver observer = (Decision d, FailureEvent e) -> told.add(new Told(d.eventId(),
                Thread.currentThread().getName()));
        return new FailureDecisionService(new FailureClassifier(RulePack.bundled()),
                new RemediationPolicy(PolicySettings.DEFAULT, clock), store, publisher, codec,
                new FailureDecisionService.Topics("remediation-decisions", "job-retry-commands"), JobHistory.NONE,
                EventEnricher.NONE, modes, List.of(observer), null, perTransaction);
    }

    /** Heap OOMs of distinct jobs (each a retry with a retry command), named batch-tx-0 ... */
    private static List<FailureEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> FailureEvents.heapOom("batch-tx-" + i)).toList();
    }

    /** The event ids of the stored decisions in the order of their outbox rows, and the retry commands' decisions. */
    private static List<String> outboxOrder(JdbcTemplate db, String topic) {
        return db.queryForList("select d.event_id from outbox o join decision d on d.decision_id = o.decision_id "
                + "where o.topic = ? order by o.id", String.class, topic);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_batch_larger_than_a_transaction_is_stored_once_in_its_order_on_the_storing_thread(
            Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var told = new CopyOnWriteArrayList<Told>();
        var events = events(250);
        var db = new JdbcTemplate(ds);
        try (var service = service(ds, ModeResolver.ALWAYS_AUTOMATIC, told, 100)) {
            service.handleAll(events);
            // committed when handleAll returns: the container commits the batch's offsets right after
            assertThat(db.queryForObject("select count(*) from decision", Integer.class)).isEqualTo(250);
        }

        var ids = events.stream().map(FailureEvent::eventId).toList();
        assertThat(outboxOrder(db, "remediation-decisions")).containsExactlyElementsOf(ids);
        assertThat(outboxOrder(db, "job-retry-commands")).containsExactlyElementsOf(ids);
        assertThat(told).extracting(Told::eventId).containsExactlyElementsOf(ids);
        assertThat(told).extracting(Told::thread).containsOnly("decision-store");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_failure_in_the_middle_keeps_the_transactions_before_it_and_the_batch_again_decides_each_event_once(
            Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var told = new CopyOnWriteArrayList<Told>();
        var events = events(250);
        var broken = new AtomicBoolean(true);
        ModeResolver failsOnce = (jobId, owner, category) -> {
            if (jobId.equals("batch-tx-150") && broken.get()) {
                throw new IllegalStateException("mode store hiccup");
            }
            return EffectiveMode.DEFAULT;
        };
        var db = new JdbcTemplate(ds);
        try (var service = service(ds, failsOnce, told, 100)) {
            assertThatThrownBy(() -> service.handleAll(events)).hasMessageContaining("mode store hiccup");

            // the first transaction (events 0-99) was handed over and committed; 100-149 were decided, not stored
            assertThat(db.queryForObject("select count(*) from decision", Integer.class)).isEqualTo(100);
            assertThat(outboxOrder(db, "job-retry-commands")).containsExactlyElementsOf(
                    events.subList(0, 100).stream().map(FailureEvent::eventId).toList());

            broken.set(false);
            service.handleAll(events); // the container delivers the uncommitted batch again
        }

        var ids = events.stream().map(FailureEvent::eventId).toList();
        assertThat(db.queryForObject("select count(*) from decision", Integer.class)).isEqualTo(250);
        assertThat(outboxOrder(db, "remediation-decisions")).containsExactlyElementsOf(ids);
        assertThat(outboxOrder(db, "job-retry-commands")).containsExactlyElementsOf(ids); // none twice
        assertThat(told).extracting(Told::eventId).containsExactlyElementsOf(ids);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_transaction_that_meets_a_decided_run_attempt_stores_the_others_one_by_one(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var told = new CopyOnWriteArrayList<Told>();
        var events = new ArrayList<>(events(250));
        FailureEvent first = events.get(180);
        // another report of event 180's run attempt, under another event id, decided before the batch
        FailureEvent earlierReport = new FailureEvent(first.schemaVersion(), first.eventId() + "-earlier-report",
                first.occurredAt(), first.job(), first.failure(), first.metrics());
        try (var service = service(ds, ModeResolver.ALWAYS_AUTOMATIC, told, 100)) {
            service.handle(earlierReport);
            service.handleAll(events);
        }

        var db = new JdbcTemplate(ds);
        var expected = new ArrayList<String>();
        expected.add(earlierReport.eventId());
        events.stream().map(FailureEvent::eventId).filter(id -> !id.equals(first.eventId())).forEach(expected::add);
        assertThat(db.queryForObject("select count(*) from decision", Integer.class)).isEqualTo(250);
        assertThat(outboxOrder(db, "remediation-decisions")).containsExactlyElementsOf(expected);
        assertThat(outboxOrder(db, "job-retry-commands")).containsExactlyElementsOf(expected);
    }
}
