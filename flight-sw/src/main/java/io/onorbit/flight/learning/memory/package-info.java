/**
 * Training memory budget. {@link io.onorbit.flight.learning.memory.MemoryAccountant} allocates every
 * array the onboard model, trainer and replay buffer hold, so its figure (bytes: 4 per float/int,
 * 8 per double, array headers excluded) is the memory really used; a block that would exceed the
 * budget (default 64 KiB) is refused with one line naming it, its size and the overshoot. All
 * allocation happens when a trainer is configured, so training itself cannot exceed the budget.
 */
package io.onorbit.flight.learning.memory;
