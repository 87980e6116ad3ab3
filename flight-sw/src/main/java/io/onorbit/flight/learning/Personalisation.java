package io.onorbit.flight.learning;

import java.util.Objects;

/**
 * How a satellite of a federation personalises what the constellation learned (the mission file's
 * {@code learning.personalisation} and {@code learning.mixing_memory_samples}).
 *
 * <p>{@link Kind#INTERPOLATION} is model interpolation (Mansour, Mohri, Ro, Suresh 2020, "Three
 * approaches for personalization with applications to federated learning", section 5): the
 * satellite keeps a personal model trained only on its own samples, which no global model ever
 * overwrites, beside the federated model (the global model merged with its local progress), and
 * serves h = lambda h_personal + (1 - lambda) h_federated, the mixing weight lambda fitted on its
 * own samples and adapted online as in APFL (Deng, Kamani, Mahdavi 2020) by {@link MixingWeight}.
 * Both models are trained on board inside the one memory budget. {@link Kind#NONE} keeps only the
 * federated model (FedAvg, or FedPer with {@code personalLayers}), and serves it.
 *
 * @param kind                 which personalisation
 * @param mixingMemorySamples  the mixing weight's memory, samples: its squared-error sums fade by
 *                             1 - 1/memory per sample, in [2, 1e9]
 */
public record Personalisation(Kind kind, double mixingMemorySamples) {

    /** Which personalisation. */
    public enum Kind {
        /** One model, the federated one. */
        NONE,
        /** A personal model next to the federated one, their predictions interpolated. */
        INTERPOLATION,
        /**
         * Chosen by the ground before launch ({@link #resolvedFor}): interpolation in a
         * constellation, none for a lone satellite, whose global model is built from its own
         * deltas only and so could add nothing to a personal model but its cost.
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

    public Personalisation {
        Objects.requireNonNull(kind, "kind");
        if (!(mixingMemorySamples >= 2 && mixingMemorySamples <= 1e9)) {
            throw new IllegalArgumentException("learning: mixingMemorySamples " + mixingMemorySamples
                    + " must be in [2, 1e9]");
        }
    }

    /** @return the default: chosen by the constellation's size, with a day's memory */
    public static Personalisation defaults() {
        return new Personalisation(Kind.AUTO, DEFAULT_MIXING_MEMORY_SAMPLES);
    }

    /**
     * @param satellites how many satellites share the federation, &ge; 1
     * @return this, with {@link Kind#AUTO} made {@link Kind#INTERPOLATION} for more than one
     *         satellite and {@link Kind#NONE} for one
     */
    public Personalisation resolvedFor(int satellites) {
        if (kind != Kind.AUTO) {
            return this;
        }
        return new Personalisation(satellites > 1 ? Kind.INTERPOLATION : Kind.NONE, mixingMemorySamples);
    }

    /** @return only the federated model */
    public static Personalisation none() {
        return new Personalisation(Kind.NONE, DEFAULT_MIXING_MEMORY_SAMPLES);
    }

    /** @return whether a personal model is trained on board */
    public boolean personalModel() {
        return kind == Kind.INTERPOLATION;
    }

    /** @return a fresh mixing weight with this memory */
    public MixingWeight startMixing() {
        return MixingWeight.start(mixingMemorySamples);
    }
}
