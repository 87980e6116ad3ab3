package io.onorbit.flight.learning;

import io.onorbit.flight.learning.memory.MemoryAccountant;
import io.onorbit.flight.learning.model.TrainableSubset;
import java.util.Arrays;
import java.util.Optional;

/**
 * Onboard trainer settings (the mission file's {@code learning} section).
 *
 * @param hiddenLayers      hidden layer widths (empty = linear model)
 * @param subset            which parameters are trained on board
 * @param sparseRowFraction fraction of rows trained for {@link TrainableSubset.Kind#SPARSE_ROWS}, in (0, 1]
 * @param learningRate      step size of the damped gradient step (gradient mode), &gt; 0; with
 *                          {@link StepRule#NLMS} the normalised rate, with {@link StepRule#VSS_NLMS}
 *                          its largest value, both below {@link StepRule#NLMS_MAX_RATE}
 * @param minLearningRate   {@link StepRule#VSS_NLMS} only: the smallest rate the variable step takes, in
 *                          (0, learningRate]; &gt; 0 and ignored by the fixed-rate rules
 * @param stepRule          how each sample's gradient is scaled (gradient mode)
 * @param proximalWeight    proximal weight mu of the exact last-layer update (pulls towards the
 *                          current weights; larger = smaller steps), &gt; 0
 * @param batchSize         new samples per update, &ge; 1
 * @param replayCapacity    samples kept in the replay buffer, &ge; 0
 * @param replayPerUpdate   replayed samples mixed into each update, &ge; 0 (0 if capacity is 0)
 * @param memoryBudgetBytes training memory budget, bytes, &gt; 0
 * @param seed              seed of initialization, sparse-row choice and replay draws
 * @param personalLayers    top weight layers kept per satellite in a federation (FedPer,
 *                          Arivazhagan et al. 2019: the personal head stays on board, only the
 *                          body below it is shared and aggregated); 0 shares the whole model
 *                          (FedAvg); at most the number of weight layers minus one
 * @param changeDetector    the onboard concept-change detector ({@link ChangeDetector}): on a detection
 *                          the trainer opens its step to {@code learningRate} and lets it anneal, and
 *                          drops the replayed samples from before the change; empty: none
 * @param iterateAveraging  serve (and test on) the average of the trainable weights' iterates rather
 *                          than the latest iterate ({@link IterateAverage}), always or while a detected
 *                          change's opened step is above the floor; empty: the iterate itself
 * @param outputRls         the output layer refitted by recursive least squares on faded sums
 *                          ({@link OutputRlsSettings}); empty: trained like the rest of the subset
 */
public record LearningSettings(int[] hiddenLayers, TrainableSubset.Kind subset, double sparseRowFraction,
                               double learningRate, double minLearningRate, StepRule stepRule, double proximalWeight,
                               int batchSize, int replayCapacity, int replayPerUpdate, long memoryBudgetBytes, long seed,
                               int personalLayers, Optional<ChangeDetectorSettings> changeDetector,
                               Optional<IterateAveragingSettings> iterateAveraging,
                               Optional<OutputRlsSettings> outputRls) {

    /**
     * Default smallest rate of the variable step ({@link StepRule#VSS_NLMS}): steady-state excess
     * error about 0.5 / 1.5 = 1/3 of the noise variance; with the change detector opening the step
     * on abrupt changes the floor no longer has to carry the recovery (BENCHMARKS.md, "Drift
     * recovery: a change detector opens the step").
     */
    public static final double DEFAULT_MIN_RATE = 0.5;

    public LearningSettings {
        hiddenLayers = hiddenLayers.clone();
        for (int w : hiddenLayers) {
            if (w < 1 || w > 4096) {
                throw new IllegalArgumentException("learning: hidden layer width " + w + " must be in [1, 4096]");
            }
        }
        if (subset == null) {
            throw new IllegalArgumentException("learning: subset is required");
        }
        if (!(sparseRowFraction > 0 && sparseRowFraction <= 1)) {
            throw new IllegalArgumentException("learning: sparseRowFraction " + sparseRowFraction + " must be in (0, 1]");
        }
        if (!(learningRate > 0 && learningRate <= 100)) {
            throw new IllegalArgumentException("learning: learningRate " + learningRate + " must be in (0, 100]");
        }
        if (!(minLearningRate > 0)) {
            throw new IllegalArgumentException("learning: minLearningRate " + minLearningRate + " must be > 0");
        }
        if (stepRule == StepRule.VSS_NLMS && minLearningRate > learningRate) {
            throw new IllegalArgumentException("learning: minLearningRate " + minLearningRate + " must not exceed the"
                    + " learning rate " + learningRate + " (the variable step's largest rate)");
        }
        if (stepRule == null) {
            throw new IllegalArgumentException("learning: stepRule is required");
        }
        if (stepRule.normalised() && !(learningRate < StepRule.NLMS_MAX_RATE)) {
            throw new IllegalArgumentException("learning: learningRate " + learningRate + " must be below "
                    + StepRule.NLMS_MAX_RATE + " with the normalised step (the NLMS stability limit)");
        }
        if (!(proximalWeight > 0 && proximalWeight <= 1e6)) {
            throw new IllegalArgumentException("learning: proximalWeight " + proximalWeight + " must be in (0, 1e6]");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("learning: batchSize " + batchSize + " must be in [1, 100000]");
        }
        if (replayCapacity < 0 || replayPerUpdate < 0 || (replayCapacity == 0 && replayPerUpdate > 0)) {
            throw new IllegalArgumentException("learning: replayCapacity and replayPerUpdate must be >= 0, and"
                    + " replayPerUpdate 0 when there is no replay buffer");
        }
        if (memoryBudgetBytes <= 0) {
            throw new IllegalArgumentException("learning: memoryBudgetBytes " + memoryBudgetBytes + " must be > 0");
        }
        if (changeDetector == null) {
            throw new IllegalArgumentException("learning: changeDetector is required (empty for none)");
        }
        if (iterateAveraging == null) {
            throw new IllegalArgumentException("learning: iterateAveraging is required (empty for none)");
        }
        if (outputRls == null) {
            throw new IllegalArgumentException("learning: outputRls is required (empty for none)");
        }
        if (outputRls.isPresent() && subset == TrainableSubset.Kind.BIASES) {
            throw new IllegalArgumentException("learning: outputRls needs a subset that trains the output layer's"
                    + " weights (full, last_layer, sparse_rows), not biases");
        }
        if (personalLayers < 0 || personalLayers > hiddenLayers.length) {
            throw new IllegalArgumentException("learning: personalLayers " + personalLayers + " must be in [0, "
                    + hiddenLayers.length + "] (a shared body of at least one layer must remain)");
        }
    }

    /**
     * The coordinates of the flat parameter vector that a federation shares: those of every weight
     * layer below the {@link #personalLayers()} personal ones. The personal head is the suffix of
     * the vector (the layout puts the layers in order), so the shared part is a prefix.
     *
     * @param inputs number of features
     * @return how many leading parameters are shared (all of them when {@code personalLayers} is 0)
     */
    public int sharedParameterCount(int inputs) {
        int[] w = widths(inputs);
        int shared = 0;
        for (int l = 0; l + 1 < w.length - personalLayers; l++) {
            shared += w[l + 1] * w[l] + w[l + 1];
        }
        return shared;
    }

    /**
     * @return the defaults: 32-16 hidden tanh layers; half of every layer's rows trained (sparse
     *         rows, Lin et al. 2022) by the variable normalised step ({@link StepRule#VSS_NLMS}) between
     *         rates {@link #DEFAULT_MIN_RATE} and 1.9 on batches of 4 new samples plus 24 replayed from
     *         the newest 96 (an orbit of the 60 s stream up to about 1,000 km; BENCHMARKS.md, "An orbit of
     *         replay, taken"),
     *         with the change detector ({@link ChangeDetectorSettings#defaults()}) opening the step
     *         to 1.9 on a detected change, and the average of the last 60 iterates served while that
     *         opened step is above the floor ({@link IterateAveragingSettings#defaults()}); 64 KiB;
     *         the whole model shared (no personal layer).
     *         Chosen from measurements over the three tasks and three orbits (BENCHMARKS.md, "Drift
     *         recovery: a change detector opens the step"): the fixed rate 1.9 served stationary
     *         data at up to 4 times the frozen model's error; the variable step alone recovered
     *         SEA's second drift on the SSO past a day
     */
    public static LearningSettings defaults() {
        return new LearningSettings(new int[] {32, 16}, TrainableSubset.Kind.SPARSE_ROWS, 0.5, 1.9, DEFAULT_MIN_RATE,
                StepRule.VSS_NLMS, 0.5, 4, 96, 24, MemoryAccountant.DEFAULT_BUDGET_BYTES, 1L, 0,
                Optional.of(ChangeDetectorSettings.defaults()), Optional.of(IterateAveragingSettings.defaults()),
                Optional.empty());
    }

    /**
     * @return whether a detected change can open the step above the rule's floor, the only time an iterate average
     *         served {@link IterateAveragingSettings.Serving#AFTER_CHANGE} is served: with a change detector, the
     *         variable step ({@link StepRule#VSS_NLMS}; a fixed rule's opened step is its own rate) and a gradient
     *         subset (not {@code last_layer}'s exact steps)
     */
    public boolean changeOpensStepAboveFloor() {
        return changeDetector.isPresent() && stepRule == StepRule.VSS_NLMS && subset != TrainableSubset.Kind.LAST_LAYER;
    }

    @Override
    public int[] hiddenLayers() {
        return hiddenLayers.clone();
    }

    /** @return layer widths for a network with {@code inputs} inputs and one output */
    public int[] widths(int inputs) {
        int[] w = new int[hiddenLayers.length + 2];
        w[0] = inputs;
        System.arraycopy(hiddenLayers, 0, w, 1, hiddenLayers.length);
        w[w.length - 1] = 1;
        return w;
    }

    /** @return a copy with other hidden layers; the personal layers are capped at their number */
    public LearningSettings withHiddenLayers(int... v) {
        return new LearningSettings(v, subset, sparseRowFraction, learningRate, minLearningRate, stepRule, proximalWeight, batchSize,
                replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, Math.min(personalLayers, v.length), changeDetector, iterateAveraging, outputRls);
    }

    public LearningSettings withSubset(TrainableSubset.Kind v) {
        return new LearningSettings(hiddenLayers, v, sparseRowFraction, learningRate, minLearningRate, stepRule, proximalWeight, batchSize,
                replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, personalLayers, changeDetector, iterateAveraging, outputRls);
    }

    public LearningSettings withSparseRowFraction(double v) {
        return new LearningSettings(hiddenLayers, subset, v, learningRate, minLearningRate, stepRule, proximalWeight, batchSize,
                replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, personalLayers, changeDetector, iterateAveraging, outputRls);
    }

    /**
     * @return a copy with learning rate {@code v}; the variable step's smallest rate is capped at it
     *         (as the mission file's reader caps the default floor), so a slower rate stays valid
     */
    public LearningSettings withLearningRate(double v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, v, Math.min(minLearningRate, v), stepRule,
                proximalWeight, batchSize,
                replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, personalLayers, changeDetector, iterateAveraging, outputRls);
    }

    /** @return a copy whose variable step ({@link StepRule#VSS_NLMS}) never falls below {@code v} */
    public LearningSettings withMinLearningRate(double v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, v, stepRule, proximalWeight,
                batchSize, replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, personalLayers, changeDetector, iterateAveraging, outputRls);
    }

    public LearningSettings withStepRule(StepRule v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, minLearningRate, v, proximalWeight, batchSize,
                replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, personalLayers, changeDetector, iterateAveraging, outputRls);
    }

    public LearningSettings withProximalWeight(double v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, minLearningRate, stepRule, v, batchSize,
                replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, personalLayers, changeDetector, iterateAveraging, outputRls);
    }

    public LearningSettings withBatchSize(int v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, minLearningRate, stepRule, proximalWeight, v,
                replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, personalLayers, changeDetector, iterateAveraging, outputRls);
    }

    public LearningSettings withReplay(int capacity, int perUpdate) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, minLearningRate, stepRule, proximalWeight, batchSize,
                capacity, perUpdate, memoryBudgetBytes, seed, personalLayers, changeDetector, iterateAveraging, outputRls);
    }

    public LearningSettings withMemoryBudgetBytes(long v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, minLearningRate, stepRule, proximalWeight, batchSize,
                replayCapacity, replayPerUpdate, v, seed, personalLayers, changeDetector, iterateAveraging, outputRls);
    }

    public LearningSettings withSeed(long v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, minLearningRate, stepRule, proximalWeight, batchSize,
                replayCapacity, replayPerUpdate, memoryBudgetBytes, v, personalLayers, changeDetector, iterateAveraging, outputRls);
    }

    public LearningSettings withPersonalLayers(int v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, minLearningRate, stepRule, proximalWeight, batchSize,
                replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, v, changeDetector, iterateAveraging, outputRls);
    }

    /** @return a copy with this change detector (empty: none) */
    public LearningSettings withChangeDetector(Optional<ChangeDetectorSettings> v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, minLearningRate, stepRule,
                proximalWeight, batchSize, replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, personalLayers, v, iterateAveraging, outputRls);
    }

    /** @return a copy whose trainer serves the iterate average of its trainable weights (empty: the iterate itself) */
    public LearningSettings withIterateAveraging(Optional<IterateAveragingSettings> v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, minLearningRate, stepRule,
                proximalWeight, batchSize, replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, personalLayers,
                changeDetector, v, outputRls);
    }

    /** @return a copy whose output layer is (or, empty, is not) refitted by recursive least squares */
    public LearningSettings withOutputRls(Optional<OutputRlsSettings> v) {
        return new LearningSettings(hiddenLayers, subset, sparseRowFraction, learningRate, minLearningRate, stepRule,
                proximalWeight, batchSize, replayCapacity, replayPerUpdate, memoryBudgetBytes, seed, personalLayers,
                changeDetector, iterateAveraging, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningSettings s && Arrays.equals(s.hiddenLayers, hiddenLayers) && s.subset == subset
                && s.sparseRowFraction == sparseRowFraction && s.learningRate == learningRate && s.minLearningRate == minLearningRate && s.stepRule == stepRule
                && s.proximalWeight == proximalWeight && s.batchSize == batchSize
                && s.replayCapacity == replayCapacity && s.replayPerUpdate == replayPerUpdate
                && s.memoryBudgetBytes == memoryBudgetBytes && s.seed == seed && s.personalLayers == personalLayers
                && s.changeDetector.equals(changeDetector) && s.iterateAveraging.equals(iterateAveraging)
                && s.outputRls.equals(outputRls);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hiddenLayers) * 31 + subset.hashCode() * 17 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "LearningSettings[hiddenLayers=" + Arrays.toString(hiddenLayers) + ", subset=" + subset
                + ", sparseRowFraction=" + sparseRowFraction + ", learningRate=" + learningRate + ", minLearningRate=" + minLearningRate + ", stepRule=" + stepRule + ", proximalWeight="
                + proximalWeight + ", batchSize=" + batchSize + ", replayCapacity=" + replayCapacity
                + ", replayPerUpdate=" + replayPerUpdate + ", memoryBudgetBytes=" + memoryBudgetBytes + ", seed=" + seed
                + ", personalLayers=" + personalLayers + ", changeDetector=" + changeDetector
                + ", iterateAveraging=" + iterateAveraging + ", outputRls=" + outputRls + "]";
    }
}
