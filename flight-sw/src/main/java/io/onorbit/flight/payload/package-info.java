/**
 * The training payload: the hardware that trains (a host MCU plus the analog engine, or a digital
 * processor), as the power system sees it. Powers in W, times in s, energies in J.
 *
 * <p><b>Summary.</b> {@link io.onorbit.flight.payload.TrainingPayload} has three
 * {@link io.onorbit.flight.payload.PowerState}s, OFF (0 W), IDLE ({@code idleW}) and TRAINING
 * ({@code activeW}), from a {@link io.onorbit.flight.payload.PayloadSpec}. The training envelope
 * allocates its on-time: {@link io.onorbit.flight.payload.PayloadAllocation} turns the envelope's
 * mean allowance over a step into a training duty d = min(1, (envelope − idle) / (active − idle))
 * (off for the step below the idle draw; off instead of idle when {@code idleW = 0}), so the
 * payload's mean draw never exceeds the envelope. The energy it draws is state draw x state time,
 * summed: the solve is inside it, never charged alone.
 *
 * <p><b>Work.</b> The host's share of each update (forward passes, normal-equation sums or the
 * backward pass, replay, building the problem, writing back) is counted by
 * {@link io.onorbit.flight.payload.HostWorkModel} and priced by
 * {@link io.onorbit.flight.payload.HostWork} at {@code flight.optimizer.DigitalEnergyCosts}
 * (Horowitz, ISSCC 2014, 45 nm), the same way {@code DigitalOptimizer} prices its own solve. The
 * solver's energy (the analog engine's settle plus conversions, or the digital solve's counted
 * operations) is added to it per update: counted work = host + solve, reported next to the energy
 * drawn per update. Work sets time: host operations at {@code hostOpsPerS} plus the solver's
 * reported time must fit the step's training time, or the samples wait for a later step.
 *
 * <p><b>Samples.</b> Samples from the sensor (the learning task's stream, at
 * {@code learning.task.sample_period_s}) wait in a {@link io.onorbit.flight.payload.SampleBuffer}
 * sized to what the memory budget leaves next to the trainer
 * ({@code flight.learning.memory.MemoryAccountant}, category SAMPLE_BUFFER, at most
 * {@value io.onorbit.flight.payload.TrainingPayload#MAX_BUFFER_SAMPLES} samples). They are trained
 * on in arrival order, only during training time; when the buffer is full the oldest is dropped
 * and counted. Books: seen = trained + dropped + still buffered.
 *
 * <p><b>Assumptions and limits.</b> {@code activeW} is the board's mean draw while its training
 * application runs (static power included), whether or not the CPU is busy: for the small models
 * flown here the counted work is a tiny part of it, and that is the honest finding (training
 * such a model costs the energy of keeping the payload on, not the arithmetic). No boot time or
 * inrush on switching on, no thermal model; the payload's memory survives OFF (a power-off is not
 * a reset; {@link io.onorbit.flight.payload.TrainingPayload#restart()} is). Replay is counted full
 * from the first update (an upper bound). No cache simulation: an access is priced by the working
 * set's size, as in {@code DigitalOptimizer}.
 *
 * <p><b>Inputs and outputs.</b> In: the spec, the trainer settings and solver, per step the
 * envelope (W) and the step (s), and each arriving sample. Out: a
 * {@link io.onorbit.flight.payload.PayloadStep} per step (allocation, samples trained, updates,
 * host and solve J) and the running books (time and energy per state, duty fraction, samples
 * seen/trained/dropped, updates, energy and counted work per update).
 *
 * <p><b>Use.</b> {@code TrainingPayload p = TrainingPayload.of(PayloadSpec.analogMcuHost(),
 * features, settings, AnalogOptimizer.withDefaults());} then each step {@code p.offer(x, y)} for
 * every sample that arrived, {@code PayloadStep s = p.run(envelope.maxTrainingPowerW(t, dt,
 * stored), dt, (x, y, prediction) -> score(...));} and step the power budget with
 * {@code s.drawnJ() / dt} W.
 */
package io.onorbit.flight.payload;
