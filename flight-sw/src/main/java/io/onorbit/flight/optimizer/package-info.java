/**
 * Optimizer models: a training update posed as the minimization of an energy function, solved
 * either by an analog engine (gradient flow integrated in time, drawing a bias power) or by a
 * digital CPU baseline. Powers in W, times in s, energies in J.
 *
 * <p><b>Posing the update.</b> For the trainable layer under squared error the energy is exactly
 * quadratic ({@link io.onorbit.flight.optimizer.QuadraticEnergy}, E = ½wᵀAw − bᵀw); any other
 * {@link io.onorbit.flight.optimizer.EnergyFunction} is replaced by its proximal local model
 * around the start point, whose minimizer is one damped gradient step (package-private
 * {@code LocalQuadratic}).
 *
 * <p><b>Analog.</b> {@link io.onorbit.flight.optimizer.AnalogOptimizer}: dw/dt = −(Aw − b)/τ
 * integrated by Hipparchus Dormand-Prince 5(4) until the residual falls below a tolerance (an event
 * detector stops it); τ = n²·E_τ/P, so settle time ∝ 1/P and P·t does not depend on P; DAC and ADC
 * quantization, fixed seeded device mismatch and kT/C read-out noise; energy = P·t + conversions.
 * {@link io.onorbit.flight.optimizer.AnalogOptimizer#solve} also reports the error against the
 * exact minimizer. Runs at the highest power the envelope allows; refuses below its minimum.
 * Before biasing the array it checks the programmed matrix (after quantization and mismatch) for
 * positive definiteness; a matrix that lost it, a non-finite problem or a failed integration
 * returns the start point as not converged ({@link io.onorbit.flight.optimizer.AnalogSolve.Outcome}),
 * never an exception and never NaN.
 *
 * <p><b>Digital.</b> {@link io.onorbit.flight.optimizer.DigitalOptimizer}: full-batch gradient
 * descent or Adam; energy from counted multiplies, adds, memory accesses and instructions at
 * {@link io.onorbit.flight.optimizer.DigitalEnergyCosts} (Horowitz ISSCC 2014, 45 nm, overridable).
 *
 * <p><b>Metering.</b> {@link io.onorbit.flight.optimizer.ObservedOptimizer} shows every result to a
 * listener, unchanged: the one wrapper for whoever must read solve time, power and energy at this
 * interface (the training payload, the simulator's envelope check).
 *
 * <p><b>Limits.</b> The analog model keeps the programmed matrix symmetric (mismatch is applied
 * per device pair), ignores settling of the DACs themselves, wire resistance and drift during a
 * solve; thermal noise is added once at read-out. The digital model has no cache simulation: the
 * access price follows the working-set size. Neither counts the cost of computing A and b from
 * the data (the same for both).
 *
 * <p><b>Use.</b> {@code Optimizer o = AnalogOptimizer.withDefaults(); OptimizationResult r =
 * o.minimize(energy, w, envelope.maxTrainingPowerW(t, dt, stored));} (catch
 * {@link io.onorbit.flight.optimizer.PowerEnvelopeException} when the envelope is too low: skip
 * the update).
 */
package io.onorbit.flight.optimizer;
