package dev.autoremediate.model;

import java.util.Arrays;

/**
 * The distinct feature names of one event as characters, without a {@code String} per name: {@link FailureFeatures}
 * writes each name's characters here, a name already present is dropped at once, and {@link LinearScorer} looks the
 * names up by their characters and hash ({@link String#hashCode()}'s, so the same table serves both). Mutable scratch
 * space of one thread: {@link FailureFeatures#collect} hands out the calling thread's instance, valid until that thread's
 * next call.
 */
final class FeatureNames {

    /** Above this many characters (after a huge event), the buffers are dropped rather than kept for the next event. */
    private static final int KEEP_CHARS = 1 << 16;

    private char[] chars = new char[4096];
    /** The end of the characters of the names kept; a name being written starts here. */
    private int used;
    /** Where name i starts; name i ends where name i + 1 starts ({@code starts[count]} is {@link #used}). */
    private int[] starts = new int[257];
    private int[] hashes = new int[256];
    private int count;
    /** Open addressing: name index + 1, 0 for empty. */
    private int[] table = new int[512];
    /** The hash of the name being written. */
    private int hash;
    /** Token bounds of a text: start and end of each token, one after the other (see FailureFeatures#tokenise). */
    int[] bounds = new int[256];

    void clear() {
        if (chars.length > KEEP_CHARS) {
            chars = new char[4096];
            starts = new int[257];
            hashes = new int[256];
            table = new int[512];
            bounds = new int[256];
        } else if (count > 0) {
            Arrays.fill(table, 0);
        }
        used = 0;
        count = 0;
        hash = 0;
    }

    /** The number of distinct names. */
    int count() {
        return count;
    }

    char[] chars() {
        return chars;
    }

    int start(int name) {
        return starts[name];
    }

    int end(int name) {
        return starts[name + 1];
    }

    int hash(int name) {
        return hashes[name];
    }

    /** Whether name {@code name} starts with {@code prefix}. */
    boolean startsWith(int name, String prefix) {
        int start = starts[name];
        if (starts[name + 1] - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (chars[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether name {@code name} is {@code s}. */
    boolean is(int name, String s) {
        return starts[name + 1] - starts[name] == s.length() && startsWith(name, s);
    }

    String name(int name) {
        return new String(chars, starts[name], starts[name + 1] - starts[name]);
    }

    /** Every name as a String. */
    String[] toStrings() {
        var names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = name(i);
        }
        return names;
    }

    // --- writing a name: put characters, then end() ---

    void put(char c) {
        if (used == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[used++] = c;
        hash = 31 * hash + c;
    }

    void put(String s) {
        int n = s.length();
        ensure(n);
        s.getChars(0, n, chars, used);
        int h = hash;
        for (int i = used, end = used + n; i < end; i++) {
            h = 31 * h + chars[i];
        }
        hash = h;
        used += n;
    }

    /** The characters {@code s[from, to)} in ASCII lower case (what {@code toLowerCase} does to ASCII). */
    void putLower(String s, int from, int to) {
        int n = to - from;
        ensure(n);
        char[] chars = this.chars;
        s.getChars(from, to, chars, used);
        int h = hash;
        for (int i = used, end = used + n; i < end; i++) {
            char c = chars[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
                chars[i] = c;
            }
            h = 31 * h + c;
        }
        hash = h;
        used += n;
    }

    private void ensure(int more) {
        if (used + more > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + more));
        }
    }

    /** The name {@code prefix + value}. */
    void add(String prefix, String value) {
        put(prefix);
        put(value);
        end();
    }

    /** Ends the name written since the last end(): kept when new, dropped when already present. */
    void end() {
        int start = count == 0 ? 0 : starts[count];
        int h = hash;
        hash = 0;
        int mask = table.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                table[slot] = count + 1;
                break;
            }
            int other = entry - 1;
            if (hashes[other] == h && same(other, start, used)) {
                used = start; // a name already present
                return;
            }
        }
        if (count + 1 == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        hashes[count] = h;
        starts[count] = start;
        count++;
        starts[count] = used;
        if (count * 2 > table.length) {
            rehash();
        }
    }

    private boolean same(int name, int from, int to) {
        int start = starts[name];
        return starts[name + 1] - start == to - from && Arrays.equals(chars, start, starts[name + 1], chars, from, to);
    }

    private void rehash() {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        for (int i = 0; i < count; i++) {
            int slot = spread(hashes[i]) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
    }

    static int spread(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }
}
