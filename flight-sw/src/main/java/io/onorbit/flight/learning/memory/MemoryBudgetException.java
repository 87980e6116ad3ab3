package io.onorbit.flight.learning.memory;

/**
 * Thrown when a training configuration does not fit its memory budget. The message names the
 * block that did not fit, its size, what was already allocated and by how many bytes the budget
 * is exceeded, in one line.
 */
public final class MemoryBudgetException extends RuntimeException {

    private final long overBytes;

    public MemoryBudgetException(String message, long overBytes) {
        super(message);
        this.overBytes = overBytes;
    }

    /** @return by how many bytes the budget would have been exceeded */
    public long overBytes() {
        return overBytes;
    }
}
