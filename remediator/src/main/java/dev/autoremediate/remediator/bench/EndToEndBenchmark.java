package dev.autoremediate.remediator.bench;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The service end to end, next to the same broker's plain passthrough, in one run:
 * <ol>
 *   <li><b>passthrough</b>: one consumer thread reads a topic and produces every record to another (acks=all,
 *       idempotent), committing each poll batch after its records are acknowledged: what any Kafka service costs at
 *       least, with the same client settings as the service;</li>
 *   <li><b>service</b>: the Spring Boot application in this JVM (no web server) consumes {@code job-failures},
 *       decides, stores each decision with its outbox in the store and publishes decisions and retry commands.</li>
 * </ol>
 * Both get the same events, produced as fast as the producer can (a flood: the figure is the throughput) or at a
 * fixed rate (the figure is the latency at that load); a warm-up batch first, as fast as the producer can (JIT,
 * partition assignment). Then both are measured in rounds, the passthrough and the service in turn, and the median
 * round is the figure: on a shared machine one round of either side can be a third off.
 * Throughput is measured from the first event sent to the last output read; latency per event is the output
 * record's timestamp minus the input record's (both set by producers on this machine's clock). Each side's CPU time
 * per event (the whole JVM) and how busy the JIT compilers were are reported too: on a shared machine the wall-clock
 * figures mostly measure the other tenants, and the service's much larger code is still being compiled after the
 * warm-up.
 */
public final class EndToEndBenchmark {

    /**
     * One side's figures.
     *
     * @param cpuSeconds    CPU time of the whole JVM while the side was measured (broker, clients and service alike)
     * @param jitSeconds    time the JIT compilers spent compiling meanwhile, as the JVM reports it: elapsed time summed
     *                      over the compiler threads, so on a busy machine it counts the time they waited for a core
     *                      too; their CPU time is in {@code threadCpuSeconds} where the platform says
     */
    public record Side(int events, double seconds, double p50Millis, double p99Millis, double cpuSeconds,
            double jitSeconds, Map<String, Double> threadCpuSeconds) {
        public double eventsPerSecond() {
            return events / seconds;
        }

        /** Microseconds of CPU, whole JVM, per event. */
        public double cpuMicrosPerEvent() {
            return cpuSeconds * 1e6 / events;
        }

        /** Microseconds the JIT compilers were busy, per event. */
        public double jitMicrosPerEvent() {
            return jitSeconds * 1e6 / events;
        }

        /**
         * CPU of the JVM's own threads per event, microseconds: the JIT compilers, the garbage collector and the VM
         * thread ({@link ThreadCpu}); empty where the platform does not say (no {@code /proc}).
         */
        public Map<String, Double> jvmThreadsMicrosPerEvent() {
            var jvm = new java.util.LinkedHashMap<String, Double>();
            for (String group : List.of(ThreadCpu.JIT, ThreadCpu.GC, ThreadCpu.VM)) {
                Double seconds = threadCpuSeconds.get(group);
                if (seconds != null) {
                    jvm.put(group, seconds * 1e6 / events);
                }
            }
            return jvm;
        }

        /**
         * The Java threads (named as {@link ThreadCpu} groups them) that used the most CPU, microseconds per event;
         * the JVM's own threads are in {@link #jvmThreadsMicrosPerEvent()}.
         */
        public Map<String, Double> topThreadsMicrosPerEvent(int limit) {
            var top = new java.util.LinkedHashMap<String, Double>();
            var jvm = Set.of(ThreadCpu.JIT, ThreadCpu.GC, ThreadCpu.VM);
            threadCpuSeconds.entrySet().stream()
                    .filter(e -> !jvm.contains(e.getKey()))
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(limit)
                    .forEach(e -> top.put(e.getKey(), e.getValue() * 1e6 / events));
            return top;
        }
    }

    /** One round: the passthrough measured, then the service, on the same events. */
    public record Round(Side passthrough, Side service) {
        /** Service events per second over the passthrough's. */
        public double ratio() {
            return service.eventsPerSecond() / passthrough.eventsPerSecond();
        }
    }

    /**
     * Every round, and what the service stored. A single round's ratio swings with the machine (on 2 shared cores the
     * passthrough alone went from 10,500 to 17,000 events per second between runs of the same code), so the figure is
     * the median round's.
     */
    public record Result(List<Round> rounds, int partitions, String store) {
        public Result {
            if (rounds.isEmpty()) {
                throw new IllegalArgumentException("a result needs at least one round");
            }
            rounds = List.copyOf(rounds);
        }

        /** The round of the median ratio (of an even number of rounds, the lower of the two middle ones). */
        public Round median() {
            return medianBy(Round::ratio);
        }

        /** The round whose service p99 latency is the median one: the figure of a run at a fixed rate. */
        public Round medianLatency() {
            return medianBy(r -> r.service().p99Millis());
        }

        private Round medianBy(java.util.function.ToDoubleFunction<Round> figure) {
            var sorted = new ArrayList<>(rounds);
            sorted.sort(java.util.Comparator.comparingDouble(figure));
            return sorted.get((sorted.size() - 1) / 2);
        }
    }

    private static final int PARTITIONS = 3;

    private final ContractCodec codec = new ContractCodec();
    private final Path workDir;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;

    /** @param dbUrl the store's JDBC URL; null for an H2 file under {@code workDir} */
    public EndToEndBenchmark(Path workDir, String dbUrl, String dbUser, String dbPassword) {
        this.workDir = workDir;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }

    /**
     * Both sides are started and warmed up (the passthrough first, then the service), then measured in {@code rounds}
     * rounds, each the passthrough and then the service on the same number of fresh events. While one side is
     * measured the other is idle, and alive as it was in the previous round.
     *
     * @param ratePerSecond measured events sent at this rate per second, evenly spaced; 0 = as fast as the producer
     *                      can (the warm-up always is)
     */
    public Result run(int events, int warmup, int ratePerSecond, int rounds) throws Exception {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("the rate must be 0 (as fast as possible) or positive");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("at least one round");
        }
        var bench = new BenchEvents(codec);
        try (var broker = InProcessKafkaBroker.start(workDir.resolve("kafka"), 0)) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("bench-in", PARTITIONS, (short) 1),
                        new NewTopic("bench-out", PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            probe(bootstrap, "bench-out"); // bench-in is written only by the events' producer, which is not idempotent
            var running = new AtomicBoolean(true);
            Thread forwarder = new Thread(() -> forward(bootstrap, running), "bench-passthrough");
            forwarder.start();
            try (var passthroughOut = new OutputReader(bootstrap, "bench-out",
                    r -> new String(r.value(), StandardCharsets.UTF_8))) {
                produceAndAwait(bootstrap, "bench-in", bench, "pt-warm", warmup, 0, passthroughOut, null);
                try (ConfigurableApplicationContext app = AutoremediateApplication.run(serviceArgs(bootstrap));
                        var serviceOut = new OutputReader(bootstrap, "remediation-decisions",
                                r -> eventId(r.value()))) {
                    // (the service waited for its topics' partition leaders before it started:
                    // KafkaConfiguration.topicsReady)
                    produceAndAwait(bootstrap, "job-failures", bench, "svc-warm", warmup, 0, serviceOut, app);
                    var measured = new ArrayList<Round>();
                    for (int round = 1; round <= rounds; round++) {
                        Side passthrough = produceAndAwait(bootstrap, "bench-in", bench, "pt-r" + round, events,
                                ratePerSecond, passthroughOut, null);
                        Side service = produceAndAwait(bootstrap, "job-failures", bench, "svc-r" + round, events,
                                ratePerSecond, serviceOut, app);
                        measured.add(new Round(passthrough, service));
                    }
                    return new Result(measured, PARTITIONS,
                            dbUrl == null ? "H2 file under " + workDir.resolve("data").toAbsolutePath() : dbUrl);
                }
            } finally {
                running.set(false);
                forwarder.join(30_000);
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- passthrough

    /** The plain consume-and-produce loop, with the service's client settings. */
    private static void forward(String bootstrap, AtomicBoolean running) {
        try (var consumer = new KafkaConsumer<String, byte[]>(consumerConfig(bootstrap, "bench-passthrough"),
                new StringDeserializer(), new ByteArrayDeserializer());
                var producer = new KafkaProducer<String, byte[]>(producerConfig(bootstrap), new StringSerializer(),
                        new ByteArraySerializer())) {
            consumer.subscribe(List.of("bench-in"));
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                var sends = new ArrayList<java.util.concurrent.Future<?>>();
                for (var r : records) {
                    sends.add(producer.send(new ProducerRecord<>("bench-out", r.key(), r.value())));
                }
                for (var f : sends) {
                    f.get();
                }
                consumer.commitSync();
            }
        } catch (Exception e) {
            if (running.get()) {
                throw new IllegalStateException("passthrough failed", e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ service

    /** The service's arguments: this broker, a fresh consumer group, the store under the work directory or --db-url. */
    private String[] serviceArgs(String bootstrap) {
        var args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
                "--autoremediate.kafka.bootstrap-servers=" + bootstrap,
                "--autoremediate.kafka.partitions=" + PARTITIONS,
                "--autoremediate.kafka.group-id=bench-" + UUID.randomUUID(),
                "--autoremediate.data-dir=" + workDir.resolve("data").toAbsolutePath(),
                "--management.health.defaults.enabled=false",
                // every retry gets its command (the most work); the rate limit would hold most of a flood for approval
                "--autoremediate.policy.rate-limit.enabled=false"));
        if (dbUrl != null) {
            args.add("--spring.datasource.url=" + dbUrl);
            args.add("--spring.datasource.username=" + (dbUser == null ? "" : dbUser));
            args.add("--spring.datasource.password=" + (dbPassword == null ? "" : dbPassword));
        }
        return args.toArray(String[]::new);
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    /**
     * The {@code eventId} of a decision message, read by streaming up to that field: the reader shares the machine
     * with the service, so it should cost about what the passthrough's reader costs, not a full decoding.
     */
    static String eventId(byte[] decisionJson) {
        try (JsonParser p = JSON.createParser(decisionJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("a decision message is not a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                if ("eventId".equals(name)) {
                    return p.getString();
                }
                p.skipChildren();
            }
            throw new IllegalStateException("a decision message has no eventId");
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** The JIT compilers' total compiling time so far, in seconds; 0 where the JVM does not say. */
    private static double jitSeconds() {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() / 1e3 : 0;
    }

    /** The CPU time of this JVM so far, in seconds. */
    private static double cpuSeconds() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1e9 : 0;
    }

    /**
     * Produces {@code n} events (ids {@code prefix-evt-i}), {@code rate} per second or as fast as it can (0), and
     * waits until the output has one record for each; the output is identified by event id (the service) or by the
     * whole input (the passthrough).
     */
    private Side produceAndAwait(String bootstrap, String topic, BenchEvents bench, String prefix, int n, int rate,
            OutputReader out, ConfigurableApplicationContext app) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        var byValue = app == null;
        long start = System.nanoTime();
        double cpuAtStart = cpuSeconds();
        double jitAtStart = jitSeconds();
        var threadsAtStart = ThreadCpu.snapshot();
        try (var producer = new KafkaProducer<String, byte[]>(inputProducerConfig(bootstrap), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                if (rate > 0) { // event i is due i/rate seconds after the start
                    long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                var event = bench.event(prefix, i);
                byte[] value = codec.writeBytes(event);
                String id = byValue ? new String(value, StandardCharsets.UTF_8) : event.eventId();
                producer.send(new ProducerRecord<>(topic, event.job().jobId(), value),
                        (metadata, e) -> {
                            if (metadata != null) {
                                sentAt.put(id, metadata.timestamp());
                            }
                        });
            }
            producer.flush();
        }
        var latencies = new Latencies(n);
        Set<String> seen = new HashSet<>();
        Map<String, Long> early = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (seen.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen.size() + " of " + n + " outputs within 10 minutes");
            }
            if (app != null && !app.isActive()) {
                throw new IllegalStateException("the service stopped");
            }
            for (var o : out.poll()) {
                early.putIfAbsent(o.id(), o.timestamp());
            }
            // an output can be read before the producer's callback noted its input: matched on a later round
            for (var it = early.entrySet().iterator(); it.hasNext(); ) {
                var o = it.next();
                Long sent = sentAt.get(o.getKey());
                if (sent != null) {
                    if (seen.add(o.getKey())) {
                        latencies.add(TimeUnit.MILLISECONDS.toNanos(Math.max(0, o.getValue() - sent)));
                    }
                    it.remove();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Side(n, seconds, latencies.percentileMicros(0.5) / 1_000, latencies.percentileMicros(0.99) / 1_000,
                cpuSeconds() - cpuAtStart, jitSeconds() - jitAtStart, ThreadCpu.since(threadsAtStart));
    }

    /**
     * The events' producer: acknowledged by all replicas, one request in flight so that a retried batch keeps its
     * place, and not idempotent. An idempotent producer that starts on a freshly created topic can have its first
     * request refused (NOT_LEADER_OR_FOLLOWER) while a later one is appended; the first is then refused as out of
     * sequence until its delivery times out (KAFKA-15591), and the benchmark would wait for events that never come.
     */
    private static Map<String, Object> inputProducerConfig(String bootstrap) {
        var config = producerConfig(bootstrap);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return config;
    }

    /**
     * Writes one record to every partition of {@code topic} with the non-idempotent producer and waits for the
     * acknowledgements: afterwards the partitions take writes, so the idempotent passthrough producer cannot meet the
     * race of {@link #inputProducerConfig} on them. (The passthrough's reader ignores what it did not send.)
     */
    private static void probe(String bootstrap, String topic) throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(inputProducerConfig(bootstrap), new StringSerializer(),
                new ByteArraySerializer())) {
            var acks = new ArrayList<java.util.concurrent.Future<?>>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                acks.add(producer.send(new ProducerRecord<>(topic, partition, "probe", "probe".getBytes(StandardCharsets.UTF_8))));
            }
            for (var ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        var config = new HashMap<String, Object>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    private static Map<String, Object> consumerConfig(String bootstrap, String group) {
        var config = new HashMap<String, Object>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500); // as the service's consumer
        return config;
    }

    /** Reads an output topic from its beginning; each record as (id, timestamp). */
    private static final class OutputReader implements AutoCloseable {

        record Output(String id, long timestamp) {
        }

        private final KafkaConsumer<String, byte[]> consumer;
        private final java.util.function.Function<ConsumerRecord<String, byte[]>, String> id;

        OutputReader(String bootstrap, String topic, java.util.function.Function<ConsumerRecord<String, byte[]>, String> id) {
            this.consumer = new KafkaConsumer<>(consumerConfig(bootstrap, "bench-reader-" + UUID.randomUUID()),
                    new StringDeserializer(), new ByteArrayDeserializer());
            this.consumer.subscribe(List.of(topic));
            this.id = id;
        }

        List<Output> poll() {
            var out = new ArrayList<Output>();
            for (var r : consumer.poll(Duration.ofMillis(100))) {
                out.add(new Output(id.apply(r), r.timestamp()));
            }
            return out;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
