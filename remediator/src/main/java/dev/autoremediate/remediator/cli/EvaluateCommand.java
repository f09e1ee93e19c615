package dev.autoremediate.remediator.cli;

import dev.autoremediate.datasets.LabelledError;
import dev.autoremediate.datasets.LabelledErrors;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.pipeline.ModelFallback;
import dev.autoremediate.rules.RulePack;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code evaluate --input events.jsonl --truth labels.jsonl}: how well the classification path of the service (the
 * pipeline's {@link FailureClassifier}: the rule pack, and whatever falls back behind it) agrees with labels. Prints
 * category accuracy, retryable accuracy, precision and recall per category, and every misclassified event.
 *
 * <p>Labels are JSONL: {@code {"eventId": "...", "category": "MEMORY_OVERHEAD", "retryable": true}} ({@code retryable}
 * may be absent or null). {@code --labelled F} reads a labelled corpus such as {@code real-errors-dev.jsonl} directly
 * (each line converted to a FailureEvent as {@link LabelledError#toFailureEvent()} does); with {@code --write-events}
 * and {@code --write-truth} it also writes the converted events and labels for later {@code --input/--truth} runs.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score the classification path against labelled data: category and retryable accuracy, "
                + "precision/recall per category, misclassified events. Either --input F --truth T, or --labelled F "
                + "(a labelled corpus such as real-errors-dev.jsonl). Subcommands score the models.",
        subcommands = {EvaluateClassifierCommand.class, EvaluateOutcomeCommand.class})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // optional for picocli, checked in call(): a subcommand of evaluate must not need these
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        Pair pair;

        @Option(names = "--labelled", paramLabel = "F", required = true,
                description = "A labelled corpus (id, engine, message, category, retryable per line).")
        Path labelled;
    }

    static final class Pair {
        @Option(names = "--input", paramLabel = "F", required = true, description = "FailureEvent JSONL.")
        Path input;

        @Option(names = "--truth", paramLabel = "T", required = true,
                description = "Labels JSONL: eventId, category, retryable.")
        Path truth;
    }

    @Option(names = "--rules", paramLabel = "DIR", description = "Classify with this pack (default: the bundled pack).")
    Path rulesDir;

    @Mixin
    ClassifierModelOptions classifierModel;

    @Option(names = "--write-events", paramLabel = "F", description = "With --labelled: write the converted events.")
    Path writeEvents;

    @Option(names = "--write-truth", paramLabel = "F", description = "With --labelled: write the converted labels.")
    Path writeTruth;

    @Option(names = "--max-misses", paramLabel = "N", defaultValue = "1000",
            description = "Print at most N misclassified events (default ${DEFAULT-VALUE}).")
    int maxMisses;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** A labelled event. */
    private record Labelled(FailureEvent event, FailureCategory category, Boolean retryable) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (source == null) {
            err.println("evaluate: give --input F --truth T, or --labelled F");
            spec.commandLine().usage(err);
            return 2;
        }
        Optional<RulePack> pack = PackLoader.load(rulesDir, "evaluate", err);
        if (pack.isEmpty()) {
            return 2;
        }
        Optional<ModelFallback> fallback;
        try {
            fallback = classifierModel.fallback();
        } catch (IOException | IllegalArgumentException e) {
            err.println("evaluate: --model " + classifierModel.model + ": " + e.getMessage());
            return 2;
        }
        var classifier = new FailureClassifier(pack.get(), fallback);
        var codec = new ContractCodec();
        List<Labelled> examples;
        String name;
        try {
            if (source.labelled != null) {
                name = source.labelled.toString();
                examples = fromCorpus(source.labelled, codec, err);
                if (examples == null) {
                    return 1;
                }
            } else {
                name = source.pair.input.toString();
                examples = fromPair(source.pair.input, source.pair.truth, codec, err);
                if (examples == null) {
                    return 1;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("evaluate: cannot read the input: " + e.getMessage());
            return 1;
        }
        var score = new ClassificationScore();
        for (Labelled l : examples) {
            Classification c = classifier.classify(l.event()).classification();
            score.add(new ClassificationScore.Example(l.event().eventId(), l.category(), l.retryable(), c.category(),
                    c.retryable(), decidedBy(c),
                    l.event().failure() == null ? "" : l.event().failure().allText()));
        }
        out.printf(Locale.ROOT, "rule pack %s%n", pack.get().version());
        score.print(out, name, maxMisses);
        return 0;
    }

    /** The rule id, or the source (MODEL) when no rule decided, or null when nothing did. */
    private static String decidedBy(Classification c) {
        if (c.ruleId() != null) {
            return c.ruleId();
        }
        return c.source() == null || c.source() == ClassificationSource.NONE ? null : c.source().name();
    }

    private List<Labelled> fromCorpus(Path file, ContractCodec codec, PrintWriter err) throws IOException {
        List<LabelledError> corpus;
        try {
            corpus = LabelledErrors.read(file);
        } catch (IllegalArgumentException e) {
            err.println("evaluate: " + e.getMessage());
            return null;
        }
        var out = new ArrayList<Labelled>();
        for (LabelledError e : corpus) {
            Boolean retryable = e.category() == FailureCategory.UNKNOWN ? null : e.retryable();
            out.add(new Labelled(e.toFailureEvent(), e.category(), retryable));
        }
        if (writeEvents != null) {
            try (BufferedWriter w = Files.newBufferedWriter(writeEvents, StandardCharsets.UTF_8)) {
                for (Labelled l : out) {
                    w.write(codec.write(l.event()));
                    w.newLine();
                }
            }
        }
        if (writeTruth != null) {
            try (BufferedWriter w = Files.newBufferedWriter(writeTruth, StandardCharsets.UTF_8)) {
                for (Labelled l : out) {
                    var label = new LinkedHashMap<String, Object>();
                    label.put("eventId", l.event().eventId());
                    label.put("category", l.category().name());
                    label.put("retryable", l.retryable());
                    w.write(MAPPER.writeValueAsString(label));
                    w.newLine();
                }
            }
        }
        return out;
    }

    private List<Labelled> fromPair(Path input, Path truth, ContractCodec codec, PrintWriter err) throws IOException {
        Map<String, JsonNode> labels = new LinkedHashMap<>();
        int lineNo = 0;
        boolean bad = false;
        try (BufferedReader r = Files.newBufferedReader(truth, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = MAPPER.readTree(line);
                    String id = node.path("eventId").asString(null);
                    String category = node.path("category").asString(null);
                    if (id == null || category == null) {
                        err.println(truth + " line " + lineNo + ": needs eventId and category");
                        bad = true;
                        continue;
                    }
                    FailureCategory.valueOf(category);
                    labels.put(id, node);
                } catch (RuntimeException e) {
                    err.println(truth + " line " + lineNo + ": " + e.getMessage());
                    bad = true;
                }
            }
        }
        var out = new ArrayList<Labelled>();
        lineNo = 0;
        int unlabelled = 0;
        try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                FailureEvent event;
                try {
                    event = codec.readFailureEvent(line);
                } catch (InvalidEventException e) {
                    err.println(input + " line " + lineNo + ": " + e.getMessage());
                    bad = true;
                    continue;
                }
                JsonNode label = labels.get(event.eventId());
                if (label == null) {
                    unlabelled++;
                    continue;
                }
                JsonNode retryable = label.get("retryable");
                out.add(new Labelled(event, FailureCategory.valueOf(label.get("category").asString()),
                        retryable == null || retryable.isNull() ? null : retryable.asBoolean()));
            }
        }
        if (unlabelled > 0) {
            err.println("evaluate: " + unlabelled + " event(s) without a label in " + truth + " were skipped");
        }
        if (bad) {
            err.println("evaluate: bad lines above were skipped");
        }
        err.flush();
        return out;
    }
}
