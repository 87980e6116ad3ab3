package io.onorbit.flight.executive;

/**
 * What one tick of the executive decided and drew.
 *
 * @param onboardTimeS tick start on the flight computer's clock, s
 * @param envelopeW    training power allowed by the envelope for the tick, W
 * @param energyJ      energy the trainer spent in the tick, J (what the battery must supply)
 * @param updates      trainer updates applied
 * @param predictions  the onboard model's prediction of each sample, made before training on it
 */
public record TickReport(double onboardTimeS, double envelopeW, double energyJ, int updates, float[] predictions) {
}
