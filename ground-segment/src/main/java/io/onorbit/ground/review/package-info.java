/**
 * Operator review of downlinked deltas. {@link io.onorbit.ground.review.ReviewPolicy} flags a delta
 * automatically (non-finite values; norm more than k x MAD from the median of the constellation's
 * recent norms on the same base version, re-checkable once a pass is complete; base version older than the current global; zero samples; base digest different
 * from the ground's record of that version, or a base the ground never made).
 * {@link io.onorbit.ground.review.ReviewDesk} records approve/reject decisions with operator and
 * reason in the archive's audit trail; its automatic operator ({@code autoReview}) approves a
 * delta whose only flag is a stale base (aggregation weights it by staleness) and rejects one
 * carrying any other flag, naming the flags in the reason. An operator's approval of a rejected
 * delta needs an explicit override; with a validation set, {@link
 * io.onorbit.ground.review.ReviewDesk#checkApproval} scores the model the delta makes against the
 * current one ({@link io.onorbit.ground.review.ValidationCheck}, lower error is better) and a
 * worse one is refused unless the operator accepts it; overrides are recorded with their reason.
 *
 * <p>Inputs: {@link io.onorbit.ground.archive.DeltaSubmission} (norm is the L2 norm of the
 * float32 delta values, dimensionless); outputs: a set of
 * {@link io.onorbit.ground.archive.DeltaFlag}. Use: flags = policy.auto(delta, archive);
 * archive.storeDelta(delta, flags, now).
 */
package io.onorbit.ground.review;
