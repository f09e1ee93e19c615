package dev.autoremediate.rules;

import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.ConfigStep;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates the metadata annotations of one compiled rule into a {@link RuleInfo}.
 *
 * <p>Annotations, all on the rule, values quoted or not ({@code @retryable(true)} and {@code @retryable("true")}
 * are the same):
 * <ul>
 *   <li>{@code @category} — a {@link FailureCategory} other than UNKNOWN (required)</li>
 *   <li>{@code @retryable} — true or false (required); must agree with the action: true for RETRY and
 *       RETRY_WITH_CONFIG, false for NO_RETRY and ESCALATE</li>
 *   <li>{@code @confidence} — a number within 0..1 (required)</li>
 *   <li>{@code @action} — an {@link ActionType} (required)</li>
 *   <li>{@code @steps} — config steps separated by {@code ;}, each {@code key*factor} or {@code key=value};
 *       required for RETRY_WITH_CONFIG, not allowed otherwise</li>
 *   <li>{@code @delaySeconds} — a whole number of seconds, 0 by default; retry actions only</li>
 *   <li>{@code @description} — one line a person can read (required)</li>
 * </ul>
 * Any other annotation is rejected, so that a typo ({@code @step}) cannot silently drop a setting.
 */
final class RuleMetadata {

    static final String CATEGORY = "category";
    static final String RETRYABLE = "retryable";
    static final String CONFIDENCE = "confidence";
    static final String ACTION = "action";
    static final String STEPS = "steps";
    static final String DELAY_SECONDS = "delaySeconds";
    static final String DESCRIPTION = "description";
    /** Drools resolves {@code @description} to kie-api's {@code Description} annotation and keys it by that name. */
    static final String DROOLS_DESCRIPTION = "org.kie.api.definition.type.Description";

    static final Set<String> KNOWN =
            Set.of(CATEGORY, RETRYABLE, CONFIDENCE, ACTION, STEPS, DELAY_SECONDS, DESCRIPTION, DROOLS_DESCRIPTION);

    /** A rule name starts with its id: two to ten capitals or digits (a capital first), a dash, three or four digits. */
    static final Pattern RULE_ID = Pattern.compile("^([A-Z][A-Z0-9]{1,9}-[0-9]{3,4})(?:\\s+\\S.*)?$", Pattern.DOTALL);

    private static final int MAX_DELAY_SECONDS = 7 * 24 * 3600;

    private RuleMetadata() {
    }

    /** The result of reading one rule: its info, or the reasons it has none. */
    record Read(RuleInfo info, List<String> problems) {
    }

    static Read read(String ruleName, Map<String, Object> metaData, String file) {
        var problems = new ArrayList<String>();
        Matcher id = RULE_ID.matcher(ruleName);
        String ruleId = null;
        if (id.matches()) {
            ruleId = id.group(1);
        } else {
            problems.add("the rule name must start with a stable id such as MEM-001, then a space and a short name");
        }
        for (String key : metaData.keySet()) {
            if (!KNOWN.contains(key)) {
                problems.add("unknown metadata @" + key + " (known: @category @retryable @confidence @action @steps"
                        + " @delaySeconds @description)");
            }
        }

        FailureCategory category = enumValue(metaData, CATEGORY, FailureCategory.class, problems);
        if (category == FailureCategory.UNKNOWN) {
            problems.add("@category UNKNOWN is not a rule's answer: leave unknown failures unmatched");
            category = null;
        }
        Boolean retryable = bool(metaData, RETRYABLE, problems);
        Double confidence = confidence(metaData, problems);
        ActionType actionType = enumValue(metaData, ACTION, ActionType.class, problems);
        List<ConfigStep> steps = steps(metaData, problems);
        Integer delay = delay(metaData, problems);
        String description = text(metaData.containsKey(DESCRIPTION) ? metaData.get(DESCRIPTION)
                : metaData.get(DROOLS_DESCRIPTION));
        if (description == null || description.isBlank()) {
            problems.add("missing @description");
        }

        ActionTemplate action = null;
        if (actionType != null && steps != null && delay != null) {
            if (retryable != null && retryable != actionType.isRetry()) {
                problems.add("@retryable(" + retryable + ") contradicts @action(" + actionType + "): a retryable rule"
                        + " retries (RETRY, RETRY_WITH_CONFIG), a non-retryable one does not (NO_RETRY, ESCALATE)");
            }
            try {
                action = new ActionTemplate(actionType, steps, delay);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return new Read(null, List.copyOf(problems));
        }
        return new Read(new RuleInfo(ruleId, ruleName, category, retryable, confidence, action, description.strip(),
                file), List.of());
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value).strip();
    }

    private static <E extends Enum<E>> E enumValue(Map<String, Object> metaData, String key, Class<E> type,
            List<String> problems) {
        String value = text(metaData.get(key));
        if (value == null || value.isEmpty()) {
            problems.add("missing @" + key);
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("@" + key + "(" + value + ") is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
            return null;
        }
    }

    private static Boolean bool(Map<String, Object> metaData, String key, List<String> problems) {
        Object value = metaData.get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        String text = text(value);
        if (text == null || text.isEmpty()) {
            problems.add("missing @" + key);
            return null;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
        }
        problems.add("@" + key + "(" + text + ") must be true or false");
        return null;
    }

    private static Double confidence(Map<String, Object> metaData, List<String> problems) {
        String text = text(metaData.get(CONFIDENCE));
        if (text == null || text.isEmpty()) {
            problems.add("missing @" + CONFIDENCE);
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (value >= 0.0 && value <= 1.0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("@" + CONFIDENCE + "(" + text + ") must be a number within 0..1");
        return null;
    }

    private static List<ConfigStep> steps(Map<String, Object> metaData, List<String> problems) {
        String text = text(metaData.get(STEPS));
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        var steps = new ArrayList<ConfigStep>();
        boolean ok = true;
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                steps.add(ConfigStep.parse(part.strip()));
            } catch (IllegalArgumentException e) {
                problems.add("@" + STEPS + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok ? steps : null;
    }

    private static Integer delay(Map<String, Object> metaData, List<String> problems) {
        String text = text(metaData.get(DELAY_SECONDS));
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 0 && value <= MAX_DELAY_SECONDS) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("@" + DELAY_SECONDS + "(" + text + ") must be a whole number of seconds within 0.."
                + MAX_DELAY_SECONDS);
        return null;
    }
}
