package io.onorbit.flight.learning.task;

/** A user's data file cannot be read as a task stream; the message is one line: file, line, reason. */
public final class TaskDataException extends RuntimeException {

    public TaskDataException(String message) {
        super(message);
    }
}
