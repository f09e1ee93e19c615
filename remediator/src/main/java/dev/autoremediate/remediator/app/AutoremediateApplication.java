package dev.autoremediate.remediator.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/** The service ({@code autoremediate serve}). All wiring is in the {@code *Configuration} classes of this package. */
@SpringBootApplication(excludeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(AutoremediateProperties.class)
public class AutoremediateApplication {

    public static ConfigurableApplicationContext run(String... args) {
        return SpringApplication.run(AutoremediateApplication.class, args);
    }
}
