package io.onorbit.ground.archive;

import java.time.Instant;
import java.util.Objects;

/**
 * Who did an action on the archive, why and when: what the audit trail keeps for every operator
 * action (review decisions, overrides, aggregations). Operator names and reasons are single-line
 * text, so one entry is always one line of a printed trail: a line break, another control
 * character or a bidirectional-override character could forge or hide audit lines, and is refused.
 *
 * @param operator who (1 to {@value #MAX_OPERATOR_CHARS} characters)
 * @param reason   why (at most {@value #MAX_REASON_CHARS} characters; may be empty where a reason is optional)
 * @param at       when (UTC)
 */
public record Attribution(String operator, String reason, Instant at) {

    /** Longest operator name, characters. */
    public static final int MAX_OPERATOR_CHARS = 64;
    /** Longest reason, characters. */
    public static final int MAX_REASON_CHARS = 1000;

    public Attribution {
        Objects.requireNonNull(at, "at");
        singleLine("operator", operator, MAX_OPERATOR_CHARS);
        if (operator.isBlank()) {
            throw new IllegalArgumentException("operator must be named");
        }
        singleLine("reason", reason, MAX_REASON_CHARS);
    }

    /**
     * @param field name of the value, for the message
     * @param text  the value
     * @param max   longest allowed, characters
     * @return {@code text}
     * @throws IllegalArgumentException naming the field and the first offending character
     */
    public static String singleLine(String field, String text, int max) {
        if (text == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (text.length() > max) {
            throw new IllegalArgumentException(field + " is " + text.length() + " characters; at most " + max);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean bidi = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || bidi) {
                throw new IllegalArgumentException(String.format("%s must be single-line text; character %d is U+%04X (%s)",
                        field, i + 1, (int) c, c == '\n' || c == '\r' ? "a line break" : "a control character"));
            }
        }
        return text;
    }
}
