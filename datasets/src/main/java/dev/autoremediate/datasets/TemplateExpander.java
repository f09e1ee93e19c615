package dev.autoremediate.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Expands one failure template (syntax in {@code corpora/README.md}):
 * <ul>
 *   <li>{@code {a|b|c}}: one of the alternatives, which may nest;</li>
 *   <li>{@code {?text}}: the text or nothing, even odds;</li>
 *   <li>{@code {$slot}} or {@code {$slot:arg}}: a generated value (hosts, sizes, ids, stack frames, log noise…);</li>
 *   <li>{@code \{}, {@code \}}, {@code \|}, {@code \\}: the character itself.</li>
 * </ul>
 */
final class TemplateExpander {

    private final SplittableRandom random;

    TemplateExpander(SplittableRandom random) {
        this.random = random;
    }

    String expand(String template) {
        var out = new StringBuilder();
        int end = expand(template, 0, out, false);
        if (end != template.length()) {
            throw new IllegalArgumentException("unbalanced '}' at offset " + end);
        }
        return out.toString();
    }

    /** Expands from {@code i} up to the end, or (nested) up to the closing brace; returns the index reached. */
    private int expand(String t, int i, StringBuilder out, boolean nested) {
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                out.append(t.charAt(i + 1));
                i += 2;
            } else if (c == '{') {
                int close = matching(t, i);
                out.append(group(t.substring(i + 1, close)));
                i = close + 1;
            } else if (c == '}' && nested) {
                return i;
            } else if (c == '}') {
                return i;
            } else {
                out.append(c);
                i++;
            }
        }
        if (nested) {
            throw new IllegalArgumentException("unclosed '{'");
        }
        return i;
    }

    private static int matching(String t, int open) {
        int depth = 0;
        for (int i = open; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed '{' at offset " + open + ": " + t.substring(open, Math.min(t.length(), open + 40)));
    }

    private String group(String inner) {
        if (inner.startsWith("$")) {
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner.substring(1) : inner.substring(1, colon);
            String arg = colon < 0 ? null : inner.substring(colon + 1);
            return Slots.value(name, arg, random);
        }
        if (inner.startsWith("?")) {
            return random.nextBoolean() ? expand(inner.substring(1)) : "";
        }
        List<String> alternatives = split(inner);
        return expand(alternatives.get(random.nextInt(alternatives.size())));
    }

    /** Splits at the top-level {@code |}. */
    private static List<String> split(String inner) {
        var parts = new ArrayList<String>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(inner.substring(start));
        return parts;
    }
}
