/**
 * The ground operator's command line, {@code onorbit review list|show|approve|reject|aggregate|report
 * --archive FILE}, over the ground-segment archive, review desk and aggregation; and the review
 * report ({@link io.onorbit.verification.review.ReviewReport}): one HTML file with PNG plots
 * embedded as base64 (delta bytes per pass, norms over time, flag counts, model error on a ground
 * validation set), readable in a browser with no server. {@code review simulate-pass} (a
 * {@link io.onorbit.verification.review.PassSimulator}) feeds a demo constellation's pass through
 * the real packets and delta codec into an archive, so the whole desk can be tried on a fresh file.
 *
 * <p>Assumptions: the archive file exists (a simulation run leaves {@code archive.db}); the
 * validation set is the linear stand-in task's CSV (features then target) until the onboard
 * model's evaluator is wired in. Operator defaults to $USER.
 */
package io.onorbit.verification.review;
