package dev.autoremediate.remediator.rulepack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.rules.RulePack;
import dev.autoremediate.remediator.support.ServiceProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hot reload in the running service, end to end: events through a real in-JVM KRaft broker, decisions in the store,
 * the pack directory edited on disk, the health endpoint read over HTTP. A broken DRL shows up on /actuator/health
 * with its file and line while decisions keep naming the old pack; the fixed DRL is swapped in and the next decision
 * names the new version.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulePackHotReloadIT {

    private static final Path DIR;
    private static final Path RULES;
    private static final InProcessKafkaBroker broker;
    private static final ContractCodec codec = new ContractCodec();
    private static final JsonMapper json = JsonMapper.builder().build();

    static {
        try {
            DIR = Files.createTempDirectory("rule-pack-hot-reload-it");
            RULES = DIR.resolve("rules");
            PackFiles.copyBundled(RULES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = InProcessKafkaBroker.start(DIR.resolve("kafka"), 0);
    }

    @Autowired
    DecisionStore store;

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, broker, DIR, "hot-reload-it");
        registry.add("autoremediate.rules.dir", RULES::toString);
        registry.add("autoremediate.rules.poll-interval", () -> "200ms");
        registry.add("autoremediate.rules.debounce", () -> "300ms");
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    @Test
    void a_broken_pack_is_reported_on_health_while_the_old_one_serves_and_the_fixed_pack_serves_the_next_decision()
            throws Exception {
        String v1 = RulePack.fromDirectory(RULES).version();
        assertThat(health().path("servingVersion").asString()).isEqualTo(v1);
        assertThat(decide(FailureEvents.heapOom("before-edit")).classification().rulePackVersion()).isEqualTo(v1);

        // 3 a.m.: someone saves a DRL with a syntax error
        Path memory = RULES.resolve(RulePack.BUNDLED_ROOT + "memory.drl");
        String good = Files.readString(memory);
        int brokenLine = (int) good.lines().count() + 2;
        Files.writeString(memory, good + "\nrule \"MEM-099 half written\" when FailureFact( text contains ) then end\n",
                StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(60)).until(() -> health().path("lastError").isArray());
        JsonNode broken = health();
        assertThat(broken.path("servingVersion").asString()).isEqualTo(v1);
        assertThat(broken.path("lastError").get(0).asString())
                .startsWith(RulePack.BUNDLED_ROOT + "memory.drl:" + brokenLine + ": ");
        Decision during = decide(FailureEvents.heapOom("while-broken"));
        assertThat(during.classification().rulePackVersion()).isEqualTo(v1);
        assertThat(during.classification().category()).isEqualTo(FailureCategory.MEMORY_EXECUTOR_OOM);

        // the fix: a valid change of the same file
        Files.writeString(memory, good.replace("An executor ran out of JVM heap", "An executor exhausted its JVM heap"),
                StandardCharsets.UTF_8);
        String v2 = RulePack.fromDirectory(RULES).version();
        assertThat(v2).isNotEqualTo(v1);

        await().atMost(Duration.ofSeconds(60)).until(() -> v2.equals(health().path("servingVersion").asString()));
        assertThat(health().path("lastError").asString()).isEqualTo("none");
        Decision after = decide(FailureEvents.heapOom("after-fix"));
        assertThat(after.classification().rulePackVersion()).isEqualTo(v2);
        assertThat(after.classification().ruleId()).isEqualTo("MEM-001");
    }

    private Decision decide(FailureEvent event) throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("job-failures", event.job().jobId(), codec.writeBytes(event)))
                    .get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> store.findByEventId(event.eventId()).isPresent());
        return store.findByEventId(event.eventId()).orElseThrow();
    }

    private JsonNode health() throws Exception {
        String port = environment.getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body()).path("components").path("rulePack").path("details");
    }
}
