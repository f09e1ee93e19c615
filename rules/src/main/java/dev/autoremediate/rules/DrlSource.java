package dev.autoremediate.rules;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DRL file of a pack.
 *
 * @param path    relative to the pack root, {@code /} separators; the key of the version hash and of problems
 * @param content the DRL text
 */
record DrlSource(String path, String content) {

    DrlSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }

    /** 1-based line of the declaration of the named rule in this file, 0 when it cannot be found. */
    int lineOfRule(String ruleName) {
        Matcher matcher = Pattern.compile("(?m)^[ \\t]*rule\\s+[\"']?" + Pattern.quote(ruleName)).matcher(content);
        if (!matcher.find()) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < matcher.start(); i++) {
            if (content.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
