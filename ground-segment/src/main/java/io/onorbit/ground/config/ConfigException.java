package io.onorbit.ground.config;

/**
 * A mistake in a file a user wrote. Its message is the whole story in one line,
 * {@code file: field.path: reason}, and the command line prints just that (exit code 2).
 */
public final class ConfigException extends RuntimeException {

    private final String file;
    private final String fieldPath;
    private final String reason;

    /**
     * @param file      file name as the user gave it (or a short form of it)
     * @param fieldPath dotted path with list indices, e.g. {@code satellites[0].inclination_deg};
     *                  empty for whole-file problems
     * @param reason    what is wrong and what is allowed
     */
    public ConfigException(String file, String fieldPath, String reason) {
        super(format(file, fieldPath, reason));
        this.file = file;
        this.fieldPath = fieldPath;
        this.reason = reason;
    }

    public ConfigException(String file, String fieldPath, String reason, Throwable cause) {
        super(format(file, fieldPath, reason), cause);
        this.file = file;
        this.fieldPath = fieldPath;
        this.reason = reason;
    }

    private static String format(String file, String fieldPath, String reason) {
        return fieldPath == null || fieldPath.isEmpty() ? file + ": " + reason : file + ": " + fieldPath + ": " + reason;
    }

    public String file() {
        return file;
    }

    public String fieldPath() {
        return fieldPath;
    }

    public String reason() {
        return reason;
    }
}
