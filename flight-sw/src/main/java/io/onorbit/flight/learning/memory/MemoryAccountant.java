package io.onorbit.flight.learning.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one place training memory is allocated. Every array the model, trainer and replay buffer
 * use is created here, so the running total is the memory really held, in bytes (4 per float or
 * int, 8 per double; array headers are not counted, as on a flight computer's static arena).
 *
 * <p>Allocation fails with a {@link MemoryBudgetException} before anything is created if the block
 * would exceed the budget; since all allocation happens when the trainer is configured, the
 * budget is checked there and can never be exceeded while training. A {@link #reserve} entry
 * accounts for memory an interface allocates on our behalf (e.g. an optimizer copying its
 * problem), so that the budget also covers it. Not thread-safe: one accountant per trainer.
 */
public final class MemoryAccountant {

    /** Default budget: 64 KiB. */
    public static final long DEFAULT_BUDGET_BYTES = 64 * 1024;

    /** One allocated or reserved block. */
    public record Block(String name, MemoryCategory category, long bytes, boolean reserved) {
    }

    private final long budgetBytes;
    private final List<Block> blocks = new ArrayList<>();
    private final EnumMap<MemoryCategory, Long> byCategory = new EnumMap<>(MemoryCategory.class);
    private long usedBytes;

    /** @param budgetBytes budget, bytes (&gt; 0) */
    public MemoryAccountant(long budgetBytes) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("memory budgetBytes " + budgetBytes + " must be > 0");
        }
        this.budgetBytes = budgetBytes;
        for (MemoryCategory c : MemoryCategory.values()) {
            byCategory.put(c, 0L);
        }
    }

    /** @return an accountant with no practical limit, for ground-side copies of models */
    public static MemoryAccountant unbounded() {
        return new MemoryAccountant(Long.MAX_VALUE / 4);
    }

    /** @return a new zeroed float array of {@code n} elements, charged to {@code category} */
    public float[] floats(String name, MemoryCategory category, int n) {
        charge(name, category, 4L * n, false);
        return new float[n];
    }

    /** @return a new zeroed double array of {@code n} elements, charged to {@code category} */
    public double[] doubles(String name, MemoryCategory category, int n) {
        charge(name, category, 8L * n, false);
        return new double[n];
    }

    /** @return a new zeroed int array of {@code n} elements, charged to {@code category} */
    public int[] ints(String name, MemoryCategory category, int n) {
        charge(name, category, 4L * n, false);
        return new int[n];
    }

    /** Charges {@code bytes} that an interface we call allocates for us (it is counted, not created here). */
    public void reserve(String name, MemoryCategory category, long bytes) {
        charge(name, category, bytes, true);
    }

    private void charge(String name, MemoryCategory category, long bytes, boolean reserved) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory block " + name + ": size " + bytes + " must be >= 0");
        }
        if (usedBytes + bytes > budgetBytes) {
            long over = usedBytes + bytes - budgetBytes;
            throw new MemoryBudgetException("memory budget " + budgetBytes + " B exceeded by " + over + " B: "
                    + category.name().toLowerCase() + " block '" + name + "' needs " + bytes + " B but only "
                    + (budgetBytes - usedBytes) + " B are left (" + summary() + ")", over);
        }
        usedBytes += bytes;
        byCategory.merge(category, bytes, Long::sum);
        blocks.add(new Block(name, category, bytes, reserved));
    }

    /** @return budget, bytes */
    public long budgetBytes() {
        return budgetBytes;
    }

    /** @return bytes allocated or reserved so far */
    public long usedBytes() {
        return usedBytes;
    }

    /** @return bytes allocated as arrays by this accountant (reservations excluded) */
    public long allocatedBytes() {
        return blocks.stream().filter(b -> !b.reserved()).mapToLong(Block::bytes).sum();
    }

    /** @return bytes per category */
    public Map<MemoryCategory, Long> byCategory() {
        return Collections.unmodifiableMap(new EnumMap<>(byCategory));
    }

    /** @return every block in allocation order */
    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    /** @return "weights 2820 B, gradients 68 B, ..." for messages and reports */
    public String summary() {
        StringBuilder sb = new StringBuilder("already used: ");
        boolean first = true;
        for (Map.Entry<MemoryCategory, Long> e : byCategory.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey().name().toLowerCase().replace('_', ' ')).append(' ').append(e.getValue()).append(" B");
        }
        return sb.toString();
    }
}
