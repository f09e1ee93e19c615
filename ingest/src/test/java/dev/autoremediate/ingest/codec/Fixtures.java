package dev.autoremediate.ingest.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads JSON fixtures from {@code src/test/resources/fixtures/}. */
final class Fixtures {

    private Fixtures() {
    }

    static String contract(String name) {
        String path = "/fixtures/contract/" + name;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid minimal failure event with {@code jobExtra} spliced into the job object and {@code failure} as given. */
    static String minimalEvent(String jobExtra, String failure) {
        return """
                {"schemaVersion": 1, "eventId": "evt-1", "occurredAt": "2026-11-22T10:15:30Z",
                 "job": {"jobId": "job-1", "runId": "job-1/run-1", "attempt": 1, "engine": "spark"%s},
                 "failure": %s}
                """.formatted(jobExtra.isEmpty() ? "" : ", " + jobExtra, failure);
    }

    static String minimalEvent() {
        return minimalEvent("", "{\"exitCode\": 137}");
    }
}
