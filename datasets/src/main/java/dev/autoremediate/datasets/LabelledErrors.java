package dev.autoremediate.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Loads labelled error corpora (JSONL, one {@link LabelledError} a line). */
public final class LabelledErrors {

    /** The bundled corpus of real, publicly posted error messages (see {@code corpora/README.md}). */
    public static final String REAL_DEV = "corpora/real-errors-dev.jsonl";

    /** A small corpus written by hand for training (see {@code corpora/README.md}); never scored against. */
    public static final String HANDWRITTEN = "corpora/handwritten-errors.jsonl";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private LabelledErrors() {
    }

    /** The bundled corpus of real error messages. */
    public static List<LabelledError> realDev() {
        return resource(REAL_DEV);
    }

    /** The bundled hand-written training corpus. */
    public static List<LabelledError> handwritten() {
        return resource(HANDWRITTEN);
    }

    private static List<LabelledError> resource(String name) {
        try (InputStream in = LabelledErrors.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath");
            }
            return read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<LabelledError> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a corpus; a bad line fails the whole read with its line number (a corpus must be clean). */
    public static List<LabelledError> read(InputStream in, String name) throws IOException {
        var out = new ArrayList<LabelledError>();
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(MAPPER.readValue(line, LabelledError.class));
            } catch (JacksonException | NullPointerException e) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
