/**
 * Optimizer models: a training update posed as the minimization of an energy function, solved
 * either by an analog engine (gradient flow integrated in time, drawing a bias power) or by a
 * digital CPU baseline. Powers in W, times in s, energies in J.
 */
package io.onorbit.flight.optimizer;
