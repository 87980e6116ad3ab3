package io.onorbit.flight.labels;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an enum constant is spelled in mission files and on the command line: lower case, words joined by
 * '-' ({@code TRIMMED_MEAN} is {@code trimmed-mean}); read back case-insensitively, with '_' accepted for '-'.
 */
public final class FileLabels {

    private FileLabels() {
    }

    /** @return the constant's file spelling */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @return the constant of {@code type} spelled {@code label}
     * @throws IllegalArgumentException naming every accepted spelling, if none matches
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String label) {
        String wanted = label.replace('_', '-');
        for (E e : type.getEnumConstants()) {
            if (of(e).equalsIgnoreCase(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(FileLabels::of).collect(Collectors.joining(", ")));
    }
}
