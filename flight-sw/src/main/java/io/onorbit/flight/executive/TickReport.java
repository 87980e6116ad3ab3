package io.onorbit.flight.executive;

/**
 * What one tick of the executive decided and the training payload did.
 *
 * @param onboardTimeS tick start on the flight computer's clock, s
 * @param envelopeW    training power allowed by the envelope for the tick, W
 * @param trained      the samples the payload trained on in the tick (buffered ones included), in order
 * @param predictions  the onboard (federated) model's prediction of each of them, made before training on it
 * @param served       the prediction the spacecraft serves for each of them, made before training on it:
 *                     the interpolation of its personal and federated models
 *                     ({@code learning.Personalisation}), or the onboard model's without a personal model
 */
public record TickReport(double onboardTimeS, double envelopeW, SensorBatch trained, float[] predictions,
                         float[] served) {
}
