/**
 * The onboard trainer: test-then-train on a drifting sample stream, through the optimizer
 * interface, only when the training envelope allows, within a memory budget counted in bytes.
 *
 * <p>Use (what the closed-loop simulator does): {@code trainer = OnboardTrainer.create(task.featureCount(),
 * settings, optimizer)} (throws {@link io.onorbit.flight.learning.memory.MemoryBudgetException} if it
 * does not fit); load the deployed weights with {@code trainer.model().setParameters(p, version)};
 * per sample {@code prediction = trainer.step(x, y, envelopePowerW)} and charge
 * {@code trainer.lastStepEnergyJ()} (J) to the battery; read {@code trainer.model().parameters()},
 * {@code layout()} and {@code version()} for deltas. A step allocates nothing except inside the
 * optimizer call of an update (the interface copies its problem and solution; that memory is
 * reserved in the budget). Not counted: an optimizer's own working memory (the analog engine's
 * crossbar is hardware; the digital baseline builds a dense n x n model of a non-quadratic energy,
 * 8 n^2 bytes, which only fits the budget for small subsets such as the default last layer).
 *
 * <p>Assumptions: squared-error loss on one output; classification tasks use labels 0/1 and a 0.5
 * threshold. Settings: {@link io.onorbit.flight.learning.LearningSettings} (mission file
 * {@code learning} section). Personalisation in a federation: {@link io.onorbit.flight.learning.Personalisation}
 * (a personal model beside the federated one, their predictions interpolated by the
 * {@link io.onorbit.flight.learning.MixingWeight} fitted on the satellite's own samples). Concept
 * changes: {@link io.onorbit.flight.learning.ChangeDetector} (a CUSUM on the prequential squared
 * error) fires, and the trainer's {@code ChangeResponse} opens its step and trims its replay buffer; while that
 * opened step is above the variable step's floor the trainer serves the average of its iterates since the
 * detection ({@link io.onorbit.flight.learning.IterateAverage}), which divides the opened rate's jitter. Units:
 * power W, energy J, memory bytes.
 */
package io.onorbit.flight.learning;
