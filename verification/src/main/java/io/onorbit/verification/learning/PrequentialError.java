package io.onorbit.verification.learning;

/**
 * Prequential error with a fading factor (Gama, Sebastiao and Rodrigues 2013, "On evaluating
 * stream learning algorithms", Machine Learning 90): S_i = L_i + alpha S_{i-1}, N_i = 1 + alpha
 * N_{i-1}, E_i = S_i / N_i. With alpha &lt; 1 it forgets old losses (effective window about
 * 1 / (1 - alpha) samples), so it tracks the current error of a learner on a drifting stream.
 * Also keeps the plain running mean (alpha = 1) for time-averaged figures.
 */
public final class PrequentialError {

    private final double alpha;
    private double fadedSum;
    private double fadedCount;
    private double sum;
    private long count;

    /** @param alpha fading factor in (0, 1] */
    public PrequentialError(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("fading factor " + alpha + " must be in (0, 1]");
        }
        this.alpha = alpha;
    }

    /** Adds one sample's loss (e.g. absolute error, or 0/1 for a misclassification). */
    public void add(double loss) {
        fadedSum = loss + alpha * fadedSum;
        fadedCount = 1 + alpha * fadedCount;
        sum += loss;
        count++;
    }

    /** @return the faded error E_i (NaN before the first sample) */
    public double faded() {
        return count == 0 ? Double.NaN : fadedSum / fadedCount;
    }

    /** @return the mean loss over all samples (NaN before the first sample) */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** @return samples seen */
    public long count() {
        return count;
    }
}
