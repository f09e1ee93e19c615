package dev.autoremediate.remediator.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code serve --demo}: replays the bundled sample of failure events ({@code demo/demo-events.jsonl}: real error
 * wordings of every category, a duplicate, a second attempt, a malformed and an invalid record) into the failure
 * topic, as a scheduler would, so that a newcomer sees decisions, retry commands and dead letters within a minute.
 */
@Component
@ConditionalOnProperty(name = "autoremediate.demo.enabled", havingValue = "true")
class DemoReplayer implements ApplicationRunner {

    static final String RESOURCE = "demo/demo-events.jsonl";
    private static final Logger log = LoggerFactory.getLogger(DemoReplayer.class);
    private static final Pattern JOB_ID = Pattern.compile("\"jobId\"\\s*:\\s*\"([^\"]+)\"");

    private final KafkaTemplate<String, byte[]> kafka;
    private final AutoremediateProperties props;
    private final KafkaBootstrap bootstrap;

    DemoReplayer(KafkaTemplate<String, byte[]> kafka, AutoremediateProperties props, KafkaBootstrap bootstrap) {
        this.kafka = kafka;
        this.props = props;
        this.bootstrap = bootstrap;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!"samples".equalsIgnoreCase(props.demo().source())) {
            return; // another demo source (serve --demo=spark: SparkSandboxDemo)
        }
        String topic = props.kafka().topics().failures();
        int sent = 0;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the jar");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = JOB_ID.matcher(line);
                String key = m.find() ? m.group(1) : null;
                kafka.send(topic, key, line.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
                sent++;
            }
        }
        log.info("Demo: replayed {} sample failure events into topic {}. Watch the 'Decided' lines below, or read the "
                + "topics: kcat -C -b {} -t {} -e ; kcat -C -b {} -t {} -e ; kcat -C -b {} -t {}.DLT -e -f '%h %s\\n'",
                sent, topic, bootstrap.servers(), props.kafka().topics().decisions(), bootstrap.servers(),
                props.kafka().topics().retryCommands(), bootstrap.servers(), topic);
    }
}
