/**
 * Onboard models on flat float arrays. {@link io.onorbit.flight.learning.model.DenseNetwork} is a
 * small dense network (tanh hidden layers, linear output; no hidden layer = linear model) with a
 * stable {@link io.onorbit.flight.learning.model.ParameterLayout} (named tensors at offsets) and an
 * identity {@link io.onorbit.flight.learning.model.ModelVersion} (version + SHA-256 of float32 LE params).
 * {@link io.onorbit.flight.learning.model.TrainableSubset} picks what is trained on board (full,
 * last layer, biases, sparse rows). {@link io.onorbit.flight.learning.model.SparseVector} is the
 * one sparse form of a parameter vector (dimension, strictly increasing indices, one float32 per
 * index, parameter units), shared by the uplinked model update, the dequantized delta and the
 * ground's decoded and archived deltas, so its index rule is checked in one place.
 *
 * <p>Use: {@code net = new DenseNetwork(new int[]{4, 32, 16, 1}, seed, accountant)}; {@code
 * y = net.predict(x)}; {@code net.backward(dLdy, subset, grad, scale)}; samples at the same weights
 * pass forward together through a {@link io.onorbit.flight.learning.model.SampleBatch}
 * ({@code net.predict(batch, from, to)}, then the backward passes per slot); for the delta codec
 * {@code net.parameters()}, {@code net.setParameters(p, version)}, {@code net.layout()},
 * {@code net.version()}. Deterministic given the seed; forward/backward allocate nothing. Units:
 * whatever the task's features and label are (tasks document theirs).
 */
package io.onorbit.flight.learning.model;
