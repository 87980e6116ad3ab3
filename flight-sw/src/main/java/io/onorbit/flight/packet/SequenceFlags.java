package io.onorbit.flight.packet;

/** Segmentation flags of the primary header (2 bits). */
public enum SequenceFlags {
    /** 00: a middle segment. */
    CONTINUATION(0),
    /** 01: the first segment of several. */
    FIRST(1),
    /** 10: the last segment of several. */
    LAST(2),
    /** 11: the whole message in one packet. */
    UNSEGMENTED(3);

    private final int code;

    SequenceFlags(int code) {
        this.code = code;
    }

    /** @return the 2-bit code */
    public int code() {
        return code;
    }

    /** @return the flags of a 2-bit code */
    public static SequenceFlags ofCode(int code) {
        return switch (code & 3) {
            case 0 -> CONTINUATION;
            case 1 -> FIRST;
            case 2 -> LAST;
            default -> UNSEGMENTED;
        };
    }

    /** @return the flags segment {@code index} of {@code count} must carry */
    public static SequenceFlags of(int index, int count) {
        if (count == 1) {
            return UNSEGMENTED;
        }
        return index == 0 ? FIRST : index == count - 1 ? LAST : CONTINUATION;
    }
}
