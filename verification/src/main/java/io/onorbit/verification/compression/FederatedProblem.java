package io.onorbit.verification.compression;

import io.onorbit.flight.delta.TensorLayout;

/** A model and task split over clients, for federated rounds. */
public interface FederatedProblem {

    /** @return short description for reports */
    String describe();

    /** @return the parameter layout (its dimension is the model size) */
    TensorLayout layout();

    /** @return number of clients */
    int clients();

    /** @return the initial global parameters (a fresh copy) */
    float[] initialParameters();

    /**
     * Trains in place on {@code client}'s data for one round; deterministic given (client, round).
     *
     * @param client client index
     * @param round  round number
     * @param params parameters, updated in place
     */
    void train(int client, int round, float[] params);

    /** @return task error of {@code params} on held-out data (lower is better, &ge; 0) */
    double error(float[] params);
}
