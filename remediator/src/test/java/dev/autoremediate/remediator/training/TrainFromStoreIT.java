package dev.autoremediate.remediator.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Action;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.model.BundledClassifier;
import dev.autoremediate.model.FailureClassifier;
import dev.autoremediate.remediator.cli.AutoremediateCli;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.store.StoredDecision;
import dev.autoremediate.remediator.support.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code train classifier --from-store} against a real decision store (H2 and PostgreSQL): the trusted decisions come
 * back as labelled failures, the others do not, and the model trained on them learns a failure of this platform that
 * the bundled model does not know.
 */
class TrainFromStoreIT {

    /** A failure of an imaginary in-house storage layer that no template or corpus knows. */
    private static final String PLATFORM_ERROR = "com.acme.zorbfs.ZorbQuotaNibbledException: zorbfs shard %d of "
            + "volume vol-%d nibbled its quota; the zorbfs tier refuses further appends";

    private final ContractCodec codec = new ContractCodec();

    record Store(String url, String user, String password, String schema) {
    }

    static Stream<Named<Store>> databases() throws Exception {
        var h2 = new Store("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", null);
        var server = PostgresServer.get();
        String schema = PostgresServer.uniqueSchema("train_it");
        try (Connection c = server.connect()) {
            c.createStatement().execute("create schema " + schema);
        }
        var e = server.withSchema(schema);
        return Stream.of(Named.of("H2", h2), Named.of("PostgreSQL", new Store(e.url(), e.user(), e.password(), schema)));
    }

    private static FailureEvent platformFailure(int i) {
        FailureEvent base = FailureEvents.spark("zorb-job-" + i, 1, "com.acme.zorbfs.ZorbQuotaNibbledException",
                String.format(PLATFORM_ERROR, i, 100 + i), null);
        return FailureEvents.withEventId(base, "zorb-evt-" + i);
    }

    private static Decision decision(FailureEvent event, FailureCategory category, ClassificationSource source,
            DecisionStatus status, int minute) {
        var c = new Classification(category, false, 0.9, source, source == ClassificationSource.RULE ? "DSK-900" : null,
                "pack", source == ClassificationSource.MODEL ? "fc-000000000000" : null, "test", List.of());
        return new Decision(1, UUID.randomUUID().toString(), event.eventId(),
                Instant.parse("2026-11-24T10:00:00Z").plusSeconds(60L * minute), event.job().jobId(), event.job().runId(),
                event.job().attempt(), c, new Action(ActionType.ESCALATE, Map.of(), 0, "test", null, null), status);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void learnsTheTrustedDecisionsOfItsOwnPlatform(Store db, @TempDir Path dir) throws Exception {
        var dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (db.schema() != null) {
            flyway.schemas(db.schema());
        }
        flyway.load().migrate();
        var store = new JdbcDecisionStore(dataSource, codec, Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));
        // trusted: six rule decisions and one model decision whose retry succeeded
        for (int i = 0; i < 6; i++) {
            FailureEvent e = platformFailure(i);
            store.insert(new StoredDecision(decision(e, FailureCategory.DISK_SPACE, ClassificationSource.RULE,
                    DecisionStatus.APPLIED, i), codec.write(e)), List.of());
        }
        FailureEvent confirmed = FailureEvents.withEventId(FailureEvents.heapOom("heap-job"), "heap-evt");
        store.insert(new StoredDecision(decision(confirmed, FailureCategory.MEMORY_EXECUTOR_OOM, ClassificationSource.MODEL,
                DecisionStatus.SUCCEEDED, 10), codec.write(confirmed)), List.of());
        // not trusted: an unconfirmed model decision and an UNKNOWN
        FailureEvent guessed = FailureEvents.withEventId(FailureEvents.fetchFailed("guess-job"), "guess-evt");
        store.insert(new StoredDecision(decision(guessed, FailureCategory.TIMEOUT, ClassificationSource.MODEL,
                DecisionStatus.APPLIED, 11), codec.write(guessed)), List.of());
        FailureEvent unknown = FailureEvents.withEventId(FailureEvents.unrecognised("odd-job"), "odd-evt");
        store.insert(new StoredDecision(decision(unknown, FailureCategory.UNKNOWN, ClassificationSource.NONE,
                DecisionStatus.APPLIED, 12), codec.write(unknown)), List.of());

        var read = new StoredTrainingData(dataSource, codec).read();

        assertThat(read.examples()).hasSize(7);
        assertThat(read.examples()).extracting(e -> e.event().eventId()).doesNotContain("guess-evt", "odd-evt")
                .contains("heap-evt", "zorb-evt-0", "zorb-evt-5");
        assertThat(read.examples()).filteredOn(e -> e.event().eventId().startsWith("zorb"))
                .allSatisfy(e -> assertThat(e.category()).isEqualTo(FailureCategory.DISK_SPACE));
        assertThat(read.latest()).isEqualTo(Instant.parse("2026-11-24T10:10:00Z"));

        Path output = dir.resolve("from-store.tribuo");
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = AutoremediateCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("train", "classifier", "--from-store", "--db-url", db.url(), "--db-user", db.user(),
                "--db-password", db.password(), "--output", output.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("7 labelled failures").contains("wrote " + output.toAbsolutePath())
                .contains("macro-F1");
        FailureClassifier trained = FailureClassifier.load(output);
        assertThat(trained.trainedAt()).isEqualTo(Instant.parse("2026-11-24T10:10:00Z"));
        assertThat(trained.modelVersion()).isNotEqualTo(BundledClassifier.load().modelVersion());
        FailureEvent fresh = FailureEvents.spark("zorb-job-new", 1, null, String.format(PLATFORM_ERROR, 77, 999), null);
        assertThat(trained.predict(fresh).category()).isEqualTo(FailureCategory.DISK_SPACE);
        assertThat(trained.distribution(fresh).get(FailureCategory.DISK_SPACE))
                .isGreaterThan(BundledClassifier.load().distribution(fresh).get(FailureCategory.DISK_SPACE));
    }
}
