package dev.autoremediate.rules;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;

/**
 * The string literals a pack's rules look for in {@link FailureFact#text()}, found in one pass over the text.
 *
 * <p>Most constraints of a pack are {@code text contains "literal"}: a hundred rules make hundreds of scans of the same
 * text, which was most of the time a pack took per event. So when a pack is compiled, each constraint of the form
 * {@code text contains "literal"} (or {@code text not contains "literal"}) is given to Drools as
 * {@code literalsInText contains "literal"}, and each event's fact carries {@link FailureFact#literalsInText()}: the
 * literals that occur in its text, found by one Aho-Corasick automaton over all of them (a double-array trie). A literal is in that set
 * exactly when {@code text.contains(literal)} is true, so every rule matches exactly as written. Rule authors keep
 * writing {@code text contains "..."}; only what Drools compiles changes (a build error in such a constraint may
 * quote it as {@code literalsInText contains}). Other forms ({@code matches}, {@code contains} on other fields or with
 * a non-literal operand, a literal with an escape other than {@code \\} and {@code \"}) are left as written.
 */
final class TextLiterals {

    /** The rewritten constraint's property: {@link FailureFact#literalsInText()}. */
    static final String PROPERTY = "literalsInText";

    /** {@code text contains "..."} and {@code text not contains "..."} as DRL writes them (a string without newlines). */
    private static final Pattern CONSTRAINT = Pattern.compile(
            "(?<![\\w.$])text(\\s+(?:not\\s+)?contains\\s+)\"((?:[^\"\\\\\\r\\n]|\\\\.)*)\"");

    static final TextLiterals NONE = new TextLiterals(Set.of());

    private final Set<String> literals;
    private final AhoCorasickDoubleArrayTrie<String> trie;

    TextLiterals(Set<String> literals) {
        this.literals = Set.copyOf(literals);
        if (literals.isEmpty()) {
            this.trie = null;
        } else {
            var byLiteral = new java.util.TreeMap<String, String>();
            literals.forEach(l -> byLiteral.put(l, l));
            this.trie = new AhoCorasickDoubleArrayTrie<>();
            trie.build(byLiteral);
        }
    }

    /** The literals looked for. */
    Set<String> literals() {
        return literals;
    }

    /** The literals that occur in {@code text} (each exactly when {@code text.contains(literal)}). */
    Set<String> foundIn(String text) {
        if (trie == null || text.isEmpty()) {
            return Set.of();
        }
        var found = new HashSet<String>();
        trie.parseText(text, (AhoCorasickDoubleArrayTrie.IHit<String>) (begin, end, literal) -> found.add(literal));
        return found;
    }

    /** A DRL file with its {@code text contains "literal"} constraints rewritten, and the literals. */
    record Rewritten(String drl, Set<String> literals) {
    }

    static Rewritten rewrite(String drl) {
        var literals = new LinkedHashSet<String>();
        Matcher m = CONSTRAINT.matcher(drl);
        var out = new StringBuilder(drl.length() + 256);
        while (m.find()) {
            String literal = unescape(m.group(2));
            if (literal == null || literal.isEmpty()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            literals.add(literal);
            m.appendReplacement(out, Matcher.quoteReplacement(PROPERTY + m.group(1) + "\"" + m.group(2) + "\""));
        }
        m.appendTail(out);
        return new Rewritten(out.toString(), literals);
    }

    /** The value of a DRL string literal's body, or null when it holds an escape other than {@code \\} or {@code \"}. */
    static String unescape(String body) {
        if (body.indexOf('\\') < 0) {
            return body;
        }
        var out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = ++i < body.length() ? body.charAt(i) : 0;
            if (next != '\\' && next != '"') {
                return null;
            }
            out.append(next);
        }
        return out.toString();
    }
}
