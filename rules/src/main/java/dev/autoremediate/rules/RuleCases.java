package dev.autoremediate.rules;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses {@code *.cases.jsonl} files: one JSON object a line (see {@link RuleCase}); blank lines and lines starting
 * with {@code //} or {@code #} are ignored. A malformed line is a {@link BuildProblem} with its file and line, which
 * rejects the pack like a DRL error does.
 */
final class RuleCases {

    /** File name suffix of a pack's test cases. */
    static final String SUFFIX = ".cases.jsonl";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Set<String> FIELDS = Set.of("rule", "category", "notRule", "engine", "exitCode",
            "exceptionClass", "message", "stackTrace", "logTail", "note");

    private RuleCases() {
    }

    static List<RuleCase> parse(String file, String text, List<BuildProblem> problems) {
        var cases = new ArrayList<RuleCase>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("//") || line.startsWith("#")) {
                continue;
            }
            try {
                cases.add(parseLine(file, i + 1, line));
            } catch (JacksonException e) {
                problems.add(new BuildProblem(file, i + 1, "not a JSON object: " + e.getOriginalMessage()));
            } catch (IllegalArgumentException e) {
                problems.add(new BuildProblem(file, i + 1, e.getMessage()));
            }
        }
        return cases;
    }

    private static RuleCase parseLine(String file, int lineNo, String line) {
        JsonNode node = MAPPER.readTree(line);
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\" (known: " + FIELDS + ")");
            }
        }
        String rule = text(node, "rule");
        String categoryText = text(node, "category");
        if (categoryText == null) {
            throw new IllegalArgumentException("missing \"category\"");
        }
        FailureCategory category;
        try {
            category = FailureCategory.valueOf(categoryText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"category\": " + categoryText + " is not a failure category");
        }
        if (rule != null && category == FailureCategory.UNKNOWN) {
            throw new IllegalArgumentException("a case with a \"rule\" cannot expect UNKNOWN");
        }
        String message = text(node, "message");
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("missing \"message\"");
        }
        Integer exitCode = null;
        JsonNode exit = node.get("exitCode");
        if (exit != null && !exit.isNull()) {
            if (!exit.isIntegralNumber()) {
                throw new IllegalArgumentException("\"exitCode\" must be a whole number");
            }
            exitCode = exit.intValue();
        }
        return new RuleCase(file, lineNo, rule, category, text(node, "notRule"), text(node, "engine"), exitCode,
                text(node, "exceptionClass"), message, text(node, "stackTrace"), text(node, "logTail"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.asString();
    }
}
