package io.onorbit.ground.aggregation;

/** Scores a parameter vector on data the ground holds (lower is better). */
public interface ModelEvaluator {

    /** @return what the error means, for reports (e.g. "validation MSE") */
    String errorName();

    /** @return the error of the model with these parameters */
    double error(float[] params);
}
