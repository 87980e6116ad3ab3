package io.onorbit.verification.cli;

/** A problem with a file or argument the user gave, other than a mission file's content. One line. */
public final class UserInputException extends RuntimeException {

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
