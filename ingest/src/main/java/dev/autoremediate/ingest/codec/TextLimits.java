package dev.autoremediate.ingest.codec;

/**
 * Size limits of failure text. Text over a limit is truncated with a marker that says how much was removed; an
 * event is never rejected for its size alone.
 *
 * @param maxMessageChars    message: the head is kept
 * @param maxStackTraceChars stack trace: head and tail are kept (the root cause is often at the end)
 * @param maxLogTailChars    log tail: the end is kept
 * @param maxInputChars      the largest single JSON string the parser accepts at all (a 50 MB stack trace is fine)
 */
public record TextLimits(int maxMessageChars, int maxStackTraceChars, int maxLogTailChars, int maxInputChars) {

    public static final TextLimits DEFAULT = new TextLimits(16 * 1024, 64 * 1024, 32 * 1024, 256 * 1024 * 1024);

    public TextLimits {
        if (maxMessageChars < 256 || maxStackTraceChars < 256 || maxLogTailChars < 256) {
            throw new IllegalArgumentException("text limits must be at least 256 characters");
        }
    }
}
