package io.onorbit.flight.learning;

import java.util.Objects;

/**
 * How a satellite of a federation personalises what the constellation learned (the mission file's
 * {@code learning.personalisation} and {@code learning.mixing_memory_samples}).
 *
 * <p>{@link Kind#INTERPOLATION} is model interpolation (Mansour, Mohri, Ro, Suresh 2020, "Three
 * approaches for personalization with applications to federated learning", section 5): the
 * satellite keeps a personal model beside the shared model (whose progress the deltas carry), both
 * trained on its own samples only, no global model ever written into either, and serves
 * h = lambda h_personal + (1 - lambda) h_shared, then that interpolated with the global model held
 * (a third expert, {@link ServedLearner}), each weight fitted on its own samples and adapted
 * online as in APFL (Deng, Kamani, Mahdavi 2020) by {@link MixingWeight}. Both models are trained
 * on board inside the one memory budget. {@link Kind#NONE} keeps only the federated model (FedAvg,
 * or FedPer with {@code personalLayers}), each global model merged into it, and serves it.
 *
 * <p>Two time-scales: with a personal model, the federated model's local step is the trainer's
 * times {@link #federatedStepScale()} while the personal model keeps the full step. A convex
 * combination of a fast and a slow adaptive filter is, with its weight fitted, at least as good as
 * the better of the two and better whenever their errors are not fully correlated (Arenas-García,
 * Figueiras-Vidal, Sayed 2006, "Mean-square performance of a convex combination of two adaptive
 * filters", IEEE TSP 54(3)); two filters with the same step err together, which leaves the
 * mixture nothing to gain. The fast personal model tracks abrupt drift; the slow shared one
 * carries less weight noise. (Measured: merging the global model into the slow model made it
 * worse, BENCHMARKS.md "Two time-scales"; as a third expert it helps, "The global model as a third
 * expert".)
 *
 * @param kind                 which personalisation
 * @param mixingMemorySamples  the mixing weight's memory, samples: its squared-error sums fade by
 *                             1 - 1/memory per sample, in [2, 1e9]
 * @param federatedStepScale   the federated model's step as a fraction of the trainer's, in (0, 1]
 *                             (with a personal model only): the gradient step's rate is multiplied
 *                             by it, the exact last-layer update's proximal weight divided by it
 */
public record Personalisation(Kind kind, double mixingMemorySamples, double federatedStepScale) {

    /** Which personalisation. */
    public enum Kind {
        /** One model, the federated one. */
        NONE,
        /** A personal model next to the federated one, their predictions interpolated. */
        INTERPOLATION,
        /**
         * Chosen by the ground before launch ({@link #resolvedFor}): interpolation wherever the personal model fits
         * the memory budget beside the shared one, a lone satellite's too (its global model is built from its own
         * deltas only, but the fast personal and slow shared models' mixture is the gain, and no global model is
         * merged into what it serves); none where it does not fit.
         */
        AUTO;

        /** @return the mission-file spelling */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Default memory of the mixing weight: 1440 samples, a day of the default 60 s stream; long
     * against the estimate's noise (the two models differ by a small fraction of the label noise),
     * short against a mission, so the weight follows a drift within about a day.
     */
    public static final double DEFAULT_MIXING_MEMORY_SAMPLES = 1440;

    /**
     * Default federated step scale: a quarter of the trainer's step. Measured on walker-12 over 3
     * days at 0.1, 0.25, 0.5 and 1 (BENCHMARKS.md, "Two time-scales"): the served error was lowest
     * at 0.25 (0.00908 against 0.01299 at 1, 0.00922 at 0.1, 0.00914 at 0.5).
     */
    public static final double DEFAULT_FEDERATED_STEP_SCALE = 0.25;

    public Personalisation {
        Objects.requireNonNull(kind, "kind");
        if (!(mixingMemorySamples >= 2 && mixingMemorySamples <= 1e9)) {
            throw new IllegalArgumentException("learning: mixingMemorySamples " + mixingMemorySamples
                    + " must be in [2, 1e9]");
        }
        if (!(federatedStepScale > 0 && federatedStepScale <= 1)) {
            throw new IllegalArgumentException("learning: federatedStepScale " + federatedStepScale
                    + " must be in (0, 1]");
        }
    }

    /** A personalisation with the default federated step scale. */
    public Personalisation(Kind kind, double mixingMemorySamples) {
        this(kind, mixingMemorySamples, DEFAULT_FEDERATED_STEP_SCALE);
    }

    /** @return the default: chosen by whether a personal model fits, with a day's memory */
    public static Personalisation defaults() {
        return new Personalisation(Kind.AUTO, DEFAULT_MIXING_MEMORY_SAMPLES);
    }

    /**
     * Until session 13 a lone satellite got {@link Kind#NONE}: its global model is built from its own deltas only.
     * Measured since (BENCHMARKS.md, "A lone satellite interpolates too"): with the interpolation its served error
     * was 1-5 % lower on the bundled lone missions over 3-7 days, and in 40 soaks with resets lower in every one and
     * never more than 15 % above its reset-free twin, where merging its own aggregated deltas into the model it
     * serves ended up to 61 % above it.
     *
     * @param personalModelFits whether a personal model fits the memory budget beside the shared one (with the
     *                          global model held)
     * @return this, with {@link Kind#AUTO} made {@link Kind#INTERPOLATION} if the personal model fits, else
     *         {@link Kind#NONE}
     */
    public Personalisation resolvedFor(boolean personalModelFits) {
        if (kind != Kind.AUTO) {
            return this;
        }
        return new Personalisation(personalModelFits ? Kind.INTERPOLATION : Kind.NONE, mixingMemorySamples,
                federatedStepScale);
    }

    /** @return only the federated model */
    public static Personalisation none() {
        return new Personalisation(Kind.NONE, DEFAULT_MIXING_MEMORY_SAMPLES);
    }

    /** @return whether a personal model is trained on board */
    public boolean personalModel() {
        return kind == Kind.INTERPOLATION;
    }

    /**
     * @param trainer the trainer's settings (the personal model's, and a lone model's)
     * @return the federated model's settings: {@code trainer} with its step scaled by
     *         {@link #federatedStepScale()} when a personal model is kept, else {@code trainer}. Beside a personal
     *         model it serves its iterate after a change (iterate averaging served
     *         {@link IterateAveragingSettings.Serving#AFTER_CHANGE} is dropped; {@code ALWAYS} is kept): the jitter
     *         averaging divides is about eta / (2 - eta) times the label noise, 19 times at the personal model's
     *         opened 1.9 but 0.31 times at the scaled 0.475, and the average's float per trained weight is what
     *         lets a personalised learner with 5 features fit 64 KiB
     */
    public LearningSettings federatedSettings(LearningSettings trainer) {
        if (!personalModel() || federatedStepScale == 1) {
            return trainer;
        }
        return trainer.subset() == io.onorbit.flight.learning.model.TrainableSubset.Kind.LAST_LAYER
                ? trainer.withProximalWeight(Math.min(1e6, trainer.proximalWeight() / federatedStepScale))
                // the floor first: the variable step's floor may not exceed its rate at any moment
                : trainer.withMinLearningRate(trainer.minLearningRate() * federatedStepScale)
                        .withLearningRate(trainer.learningRate() * federatedStepScale)
                        .withIterateAveraging(trainer.iterateAveraging()
                                .filter(a -> a.serving() == IterateAveragingSettings.Serving.ALWAYS));
    }

    /** @return a fresh mixing weight with this memory */
    public MixingWeight startMixing() {
        return MixingWeight.start(mixingMemorySamples);
    }
}
