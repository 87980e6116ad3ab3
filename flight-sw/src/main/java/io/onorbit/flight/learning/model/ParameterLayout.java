package io.onorbit.flight.learning.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stable order of a model's parameters in its flat float array: named tensors, each at an
 * offset with a shape. Two models with equal layouts can exchange parameter vectors and deltas.
 * For a dense network: {@code layer0.weight} [out x in, row-major], {@code layer0.bias} [out],
 * {@code layer1.weight}, ... in that order, with no gaps.
 */
public final class ParameterLayout {

    /**
     * One named tensor.
     *
     * @param name   e.g. {@code layer1.weight}
     * @param offset index of its first element in the flat array
     * @param rows   rows (output units); 1 for a bias
     * @param cols   columns (input units); for a bias, its length
     */
    public record Tensor(String name, int offset, int rows, int cols) {
        public Tensor {
            Objects.requireNonNull(name, "name");
            if (offset < 0 || rows <= 0 || cols <= 0) {
                throw new IllegalArgumentException("tensor " + name + ": offset must be >= 0 and shape > 0");
            }
        }

        /** @return number of elements */
        public int size() {
            return rows * cols;
        }
    }

    private final List<Tensor> tensors;
    private final int size;

    /** @param tensors tensors in order; each must start where the previous ends */
    public ParameterLayout(List<Tensor> tensors) {
        this.tensors = List.copyOf(tensors);
        int next = 0;
        for (Tensor t : this.tensors) {
            if (t.offset() != next) {
                throw new IllegalArgumentException("layout: tensor " + t.name() + " starts at " + t.offset()
                        + ", expected " + next + " (tensors must be contiguous)");
            }
            next += t.size();
        }
        this.size = next;
    }

    /** @return the layout of a dense network with the given layer widths (input first, output last) */
    public static ParameterLayout dense(int[] widths) {
        List<Tensor> list = new ArrayList<>();
        int offset = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            list.add(new Tensor("layer" + l + ".weight", offset, widths[l + 1], widths[l]));
            offset += widths[l + 1] * widths[l];
            list.add(new Tensor("layer" + l + ".bias", offset, 1, widths[l + 1]));
            offset += widths[l + 1];
        }
        return new ParameterLayout(list);
    }

    /** @return tensors in order */
    public List<Tensor> tensors() {
        return tensors;
    }

    /** @return total number of parameters */
    public int size() {
        return size;
    }

    /** @return the tensor called {@code name} */
    public Tensor tensor(String name) {
        for (Tensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("layout has no tensor '" + name + "'");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterLayout p && p.tensors.equals(tensors);
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : tensors) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.name()).append('[').append(t.rows()).append('x')
                    .append(t.cols()).append("]@").append(t.offset());
        }
        return sb.toString();
    }
}
