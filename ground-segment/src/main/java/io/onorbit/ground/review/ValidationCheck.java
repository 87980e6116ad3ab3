package io.onorbit.ground.review;

import io.onorbit.ground.aggregation.ModelEvaluator;

/**
 * A candidate model scored against the current global model on the ground's validation set.
 * A candidate whose error is higher (or not a number) is worse; review refuses such a model unless
 * an operator accepts it with a reason.
 *
 * @param errorName      what the error is (e.g. "validation MSE")
 * @param currentError   error of the current global model
 * @param candidateError error of the candidate
 */
public record ValidationCheck(String errorName, double currentError, double candidateError) {

    /** Scores both parameter vectors with {@code evaluator}. */
    public static ValidationCheck of(ModelEvaluator evaluator, float[] current, float[] candidate) {
        return new ValidationCheck(evaluator.errorName(), evaluator.error(current), evaluator.error(candidate));
    }

    /** @return true if the candidate scores worse than the current model (a NaN error counts as worse) */
    public boolean worse() {
        return !(candidateError <= currentError);
    }

    /** @return e.g. "validation MSE 0.0102 -> 0.113 (11.1x)" */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s %.4g -> %.4g (%.3gx)", errorName, currentError, candidateError,
                candidateError / currentError);
    }
}
