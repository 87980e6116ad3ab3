/**
 * Trade-study campaigns: {@code onorbit campaign CAMPAIGN.yaml} runs a mission's full closed loop
 * once per point of a grid of overrides (by field path into the mission file) times a list of
 * seeds, and gathers one table ({@code results.csv}, {@code results.json}) and a page of trade
 * plots ({@code index.html}); {@code onorbit worker} is a cluster member that runs such runs.
 *
 * <p>Flow: {@link io.onorbit.verification.campaign.CampaignLoader} reads the campaign file, applies
 * each point's overrides to the mission's YAML tree and validates every resulting mission exactly
 * as a mission file is validated, before anything runs (a bad path or value is one line naming the
 * campaign file and the field, exit 2). Each run becomes a self-contained
 * {@link io.onorbit.verification.campaign.RunTask} (overridden document, span, seed) that runs the
 * same setup path as {@code onorbit simulate}. A {@link io.onorbit.verification.campaign.CampaignEngine}
 * runs the tasks; {@link io.onorbit.verification.campaign.CampaignRunner} journals each outcome in
 * the output folder as it arrives ({@code runs/<run id>.json}), keyed by run id and by a digest of
 * the task, so a stopped campaign resumes without repeating finished runs and an outcome that
 * arrives twice is counted once.
 *
 * <p>Determinism: a run's figures depend only on its task (seeded simulation, no wall-clock input),
 * and {@code results.csv} holds only those figures, written with exact locale-free number text, in
 * run order; so it is byte-identical whichever engine, member or thread ran each run. Wall time and
 * member go to {@code results.json} only.
 *
 * <p>Engines. {@link io.onorbit.verification.campaign.LocalEngine} (default): a fixed pool of threads
 * in this process, one per core. {@link io.onorbit.verification.campaign.ClusterEngine}
 * ({@code --cluster HOST:PORT,...}): a Hazelcast client sends each run to a member's executor.
 * <b>Why Hazelcast</b>: a campaign is an embarrassingly parallel task farm of independent,
 * seconds-to-hours runs with small inputs and outputs; what it needs from an engine is membership,
 * failure detection and remote execution of Java tasks, not data-parallel operators or shuffles.
 * Hazelcast is one Apache-2.0 jar, embeddable (a worker is this same launcher, no separate
 * installation or cluster manager), joins by explicit TCP/IP member lists (no multicast; phone-home
 * off), and tells a caller when a member left under its task. Spark, Flink or Beam would add a
 * cluster manager, a job submission path and a dataflow model the task farm does not use. The
 * campaign keeps the books itself (a run whose member dies goes back to the queue and runs on
 * another member; first outcome per run id wins) rather than in a distributed map, because the
 * campaign process is the one reader of the results and its folder journal already survives its
 * own death (resume); members hold no state worth replicating.
 *
 * <p>Files referenced by the mission (e.g. a TLE file) must be at the same path on every member.
 */
package io.onorbit.verification.campaign;
