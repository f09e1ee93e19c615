package dev.autoremediate.rules;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string literals a pack's rules look for in {@link FailureFact#text()}, found in one pass over the text.
 *
 * <p>Most constraints of a pack are {@code text contains "literal"}: a hundred rules make hundreds of scans of the same
 * text, which was most of the time a pack took per event. So when a pack is compiled, each literal of such a constraint
 * gets a number, each constraint of the form {@code text contains "literal"} is given to Drools as
 * {@code textContains(n, "literal")} (and {@code text not contains "literal"} as {@code !textContains(n, "literal")}),
 * and each event's fact carries {@link FailureFact#literalsInText()}: the literals that occur in its text, found by
 * one Aho-Corasick automaton over all of them ({@link Automaton}) and kept as one bit per literal number, so that a
 * constraint tests a bit ({@link FailureFact#textContains}) instead of looking a string up in a hashed set. A literal
 * is in that set exactly when {@code text.contains(literal)} is true, so every rule matches exactly as written. Rule
 * authors keep writing {@code text contains "..."}; only what Drools compiles changes (a build error in such a
 * constraint may quote it as {@code textContains(n, "...")}). Other forms ({@code matches}, {@code contains} on other
 * fields or with a non-literal operand, a literal with an escape other than {@code \\} and {@code \"}) are left as
 * written.
 */
final class TextLiterals {

    /** The method the rewritten constraints call: {@link FailureFact#textContains(int, String)}. */
    static final String METHOD = "textContains";

    /** {@code text contains "..."} and {@code text not contains "..."} as DRL writes them (a string without newlines). */
    private static final Pattern CONSTRAINT = Pattern.compile(
            "(?<![\\w.$])text(\\s+(not\\s+)?contains\\s+)\"((?:[^\"\\\\\\r\\n]|\\\\.)*)\"");

    static final TextLiterals NONE = new TextLiterals(List.of());

    /** The literals by number. */
    private final String[] literals;
    private final Map<String, Integer> numbers;
    private final Set<String> literalSet;
    /** Finds every literal in a text. Null when there is no literal. */
    private final Automaton automaton;

    /** @param literals distinct literals; each one's number is its place in iteration order */
    TextLiterals(Collection<String> literals) {
        this.literals = literals.toArray(String[]::new);
        this.numbers = new HashMap<>();
        for (int i = 0; i < this.literals.length; i++) {
            if (this.literals[i].isEmpty() || numbers.putIfAbsent(this.literals[i], i) != null) {
                throw new IllegalArgumentException("empty literal, or a literal twice: '" + this.literals[i] + "'");
            }
        }
        this.literalSet = Set.copyOf(numbers.keySet());
        this.automaton = this.literals.length == 0 || !Automaton.fits(this.literals) ? null : new Automaton(this.literals);
    }

    /** The literals looked for. */
    Set<String> literals() {
        return literalSet;
    }

    /** The number of {@code literal}, or -1 when it is not one of these literals. */
    int numberOf(String literal) {
        Integer n = numbers.get(literal);
        return n == null ? -1 : n;
    }

    /** The literals that occur in {@code text} (each exactly when {@code text.contains(literal)}). */
    Found foundIn(String text) {
        long[] bits = new long[(literals.length + 63) >>> 6];
        if (automaton != null && !text.isEmpty()) {
            automaton.find(text, bits);
        } else if (!text.isEmpty()) {
            // a pack too large for the automaton's table: one search per literal, slower but the same answer
            for (int number = 0; number < literals.length; number++) {
                if (text.contains(literals[number])) {
                    bits[number >>> 6] |= 1L << number;
                }
            }
        }
        return new Found(this, bits);
    }

    /**
     * An Aho-Corasick automaton over the literals, as a complete DFA: one transition per state and character class
     * (the characters that occur in some literal, each a class of its own; every other character is class 0, which
     * always leads back to the start), so that the scan takes one table lookup per character of the text and never
     * follows a failure link. Each state lists the literals that end there, its failure chain's included. A literal
     * is marked exactly when it occurs in the text: the automaton reads UTF-16 chars as {@link String#contains} compares
     * them.
     */
    static final class Automaton {

        /** The class of each ASCII character (0 for one that no literal has). */
        private final int[] asciiClass = new int[128];
        /** The non-ASCII characters of the literals, sorted, and their classes. */
        private final char[] otherChars;
        private final int[] otherClasses;
        private final int classes;
        /**
         * The transitions: from the state whose row starts at r (state * classes), on class c, to the state whose row
         * starts at delta[r + c], stored as ~row (negative) when that state ends a literal.
         */
        private final int[] delta;
        /** The literals that end at state s: outputs[outputStart[s] .. outputStart[s + 1]). */
        private final int[] outputStart;
        private final int[] outputs;

        /** The most transitions the table may hold (4 bytes each): 64 MiB. */
        static final long MAX_TRANSITIONS = 16L << 20;

        /** Whether the automaton of {@code literals} stays within {@link #MAX_TRANSITIONS} (at most, before sharing). */
        static boolean fits(String[] literals) {
            long states = 1;
            java.util.Set<Character> chars = new java.util.HashSet<>();
            for (String literal : literals) {
                states += literal.length();
                for (int i = 0; i < literal.length(); i++) {
                    chars.add(literal.charAt(i));
                }
            }
            return states * (chars.size() + 1) <= MAX_TRANSITIONS;
        }

        Automaton(String[] literals) {
            // character classes
            var chars = new java.util.TreeSet<Character>();
            for (String literal : literals) {
                for (int i = 0; i < literal.length(); i++) {
                    chars.add(literal.charAt(i));
                }
            }
            int next = 1;
            var others = new java.util.ArrayList<Character>();
            for (char c : chars) {
                if (c < 128) {
                    asciiClass[c] = next++;
                } else {
                    others.add(c);
                }
            }
            otherChars = new char[others.size()];
            otherClasses = new int[others.size()];
            for (int i = 0; i < otherChars.length; i++) {
                otherChars[i] = others.get(i);
                otherClasses[i] = next++;
            }
            classes = next;
            // the trie
            int maxStates = 1;
            for (String literal : literals) {
                maxStates += literal.length();
            }
            int[] trie = new int[maxStates * classes];
            Arrays.fill(trie, -1);
            var ends = new java.util.ArrayList<List<Integer>>();
            ends.add(new java.util.ArrayList<>());
            int states = 1;
            for (int number = 0; number < literals.length; number++) {
                String literal = literals[number];
                int state = 0;
                for (int i = 0; i < literal.length(); i++) {
                    int at = state * classes + classOf(literal.charAt(i));
                    if (trie[at] < 0) {
                        trie[at] = states++;
                        ends.add(new java.util.ArrayList<>());
                    }
                    state = trie[at];
                }
                ends.get(state).add(number);
            }
            // failure links, breadth first; missing transitions become the failure state's
            int[] fail = new int[states];
            int[] dfa = Arrays.copyOf(trie, states * classes);
            var queue = new ArrayDeque<Integer>();
            for (int c = 0; c < classes; c++) {
                int child = dfa[c];
                if (child > 0) {
                    fail[child] = 0;
                    queue.add(child);
                } else {
                    dfa[c] = 0;
                }
            }
            var order = new java.util.ArrayList<Integer>();
            while (!queue.isEmpty()) {
                int state = queue.poll();
                order.add(state);
                for (int c = 0; c < classes; c++) {
                    int at = state * classes + c;
                    int child = dfa[at];
                    if (child > 0 && trie[at] == child) {
                        fail[child] = dfa[fail[state] * classes + c];
                        queue.add(child);
                    } else {
                        dfa[at] = dfa[fail[state] * classes + c];
                    }
                }
            }
            // outputs: a state's own literals, then its failure state's (already complete: it is nearer the start)
            var outputsOf = new int[states][];
            outputsOf[0] = new int[0];
            for (int state : order) {
                int[] own = ends.get(state).stream().mapToInt(Integer::intValue).toArray();
                int[] inherited = outputsOf[fail[state]];
                int[] all = Arrays.copyOf(own, own.length + inherited.length);
                System.arraycopy(inherited, 0, all, own.length, inherited.length);
                outputsOf[state] = all;
            }
            outputStart = new int[states + 1];
            int total = 0;
            for (int state = 0; state < states; state++) {
                outputStart[state] = total;
                total += outputsOf[state].length;
            }
            outputStart[states] = total;
            outputs = new int[total];
            for (int state = 0; state < states; state++) {
                System.arraycopy(outputsOf[state], 0, outputs, outputStart[state], outputsOf[state].length);
            }
            for (int i = 0; i < dfa.length; i++) {
                int target = dfa[i];
                dfa[i] = outputStart[target] == outputStart[target + 1] ? target * classes : ~(target * classes);
            }
            delta = dfa;
        }

        private int classOf(char c) {
            if (c < 128) {
                return asciiClass[c];
            }
            int i = Arrays.binarySearch(otherChars, c);
            return i < 0 ? 0 : otherClasses[i];
        }

        /** Sets the bit of every literal that occurs in {@code text}. */
        void find(String text, long[] bits) {
            int[] delta = this.delta;
            int[] asciiClass = this.asciiClass;
            int row = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = text.charAt(i);
                int next = delta[row + (c < 128 ? asciiClass[c] : classOf(c))];
                if (next < 0) {
                    row = ~next;
                    int state = row / classes;
                    for (int k = outputStart[state], end = outputStart[state + 1]; k < end; k++) {
                        int number = outputs[k];
                        bits[number >>> 6] |= 1L << number;
                    }
                } else {
                    row = next;
                }
            }
        }
    }

    /**
     * The literals found in one text: an immutable set that is one bit per literal number, which is what the
     * rewritten constraints test ({@link #has(int)}).
     */
    static final class Found extends AbstractSet<String> {

        private final TextLiterals of;
        private final long[] bits;
        private final int size;

        private Found(TextLiterals of, long[] bits) {
            this.of = of;
            this.bits = bits;
            int n = 0;
            for (long word : bits) {
                n += Long.bitCount(word);
            }
            this.size = n;
        }

        /** Whether the literal numbered {@code number} of the pack that found these occurs in the text. */
        boolean has(int number) {
            int word = number >>> 6;
            return word < bits.length && number >= 0 && (bits[word] & 1L << number) != 0;
        }

        /** Whether these were found by {@code literals} (so their numbers are its numbers). */
        boolean foundBy(TextLiterals literals) {
            return of == literals;
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof String s && has(of.numberOf(s));
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Iterator<String> iterator() {
            return new Iterator<>() {
                private int next = nextSet(0);

                private int nextSet(int from) {
                    for (int i = from; i < of.literals.length; i++) {
                        if (has(i)) {
                            return i;
                        }
                    }
                    return -1;
                }

                @Override
                public boolean hasNext() {
                    return next >= 0;
                }

                @Override
                public String next() {
                    if (next < 0) {
                        throw new NoSuchElementException();
                    }
                    String literal = of.literals[next];
                    next = nextSet(next + 1);
                    return literal;
                }
            };
        }
    }

    /** A DRL file with its {@code text contains "literal"} constraints rewritten, and the literals by number. */
    record Rewritten(String drl, Map<String, Integer> literals) {
    }

    /** {@link #rewrite(String, Map)} with the literals numbered from 0 in order of appearance. */
    static Rewritten rewrite(String drl) {
        return rewrite(drl, new LinkedHashMap<>());
    }

    /**
     * Rewrites the {@code text contains "literal"} constraints of {@code drl}. A literal already in {@code numbers}
     * keeps its number; a new one is added to it with the next number ({@code numbers.size()}). The line of every
     * rewritten constraint stays where it was.
     */
    static Rewritten rewrite(String drl, Map<String, Integer> numbers) {
        var mine = new LinkedHashMap<String, Integer>();
        Matcher m = CONSTRAINT.matcher(drl);
        var out = new StringBuilder(drl.length() + 256);
        while (m.find()) {
            String literal = unescape(m.group(3));
            if (literal == null || literal.isEmpty()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            int number = numbers.computeIfAbsent(literal, l -> numbers.size());
            mine.put(literal, number);
            // keep the line breaks between the field and the literal, so that line numbers do not move
            String breaks = m.group(1).replaceAll("[^\\r\\n]", "");
            m.appendReplacement(out, Matcher.quoteReplacement((m.group(2) == null ? "" : "!") + METHOD + "(" + number
                    + "," + breaks + " \"" + m.group(3) + "\")"));
        }
        m.appendTail(out);
        return new Rewritten(out.toString(), mine);
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
