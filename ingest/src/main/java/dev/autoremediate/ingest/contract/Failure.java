package dev.autoremediate.ingest.contract;

/**
 * What went wrong. Every field is optional, but an event must carry at least one of them.
 *
 * @param exitCode       exit code of the process or container, e.g. 137
 * @param exceptionClass fully qualified class of the top-level exception
 * @param message        the error message
 * @param stackTrace     may be long; the codec truncates it with a marker, never rejects it
 * @param logTail        the last lines of the log; truncated like the stack trace
 */
public record Failure(Integer exitCode, String exceptionClass, String message, String stackTrace, String logTail) {

    /** All text of the failure in one string, for matching (never null). */
    public String allText() {
        String[] parts = {exceptionClass, message, stackTrace, logTail};
        int length = 0;
        for (String part : parts) {
            if (part != null && !part.isEmpty()) {
                length += (length == 0 ? 0 : 1) + part.length();
            }
        }
        var sb = new StringBuilder(length); // built in a buffer of the right size at once (on every decision's path)
        for (String part : parts) {
            if (part != null && !part.isEmpty()) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(part);
            }
        }
        return sb.toString();
    }
}
