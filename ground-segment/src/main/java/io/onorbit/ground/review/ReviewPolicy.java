package io.onorbit.ground.review;

import com.google.common.io.BaseEncoding;
import io.onorbit.ground.archive.Archive;
import io.onorbit.ground.archive.DeltaFlag;
import io.onorbit.ground.archive.DeltaSubmission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Automatic flags for an incoming delta. A flag asks an operator to look; it does not reject.
 *
 * @param madK       a norm is an outlier when |norm - median| &gt; madK x MAD of the recent norms
 *                   (MAD = median absolute deviation, unscaled); &gt; 0, default 6 (about 4 sigma
 *                   for Gaussian norms, since MAD = 0.674 sigma)
 * @param window     how many recent deltas of the constellation on the same base version make the
 *                   reference spread (norms shrink as the global model converges, so rounds are
 *                   not mixed), &ge; 3
 * @param minHistory fewest recent norms needed before the norm test applies, in [3, window]
 */
public record ReviewPolicy(double madK, int window, int minHistory) {

    /** Defaults: k = 6, last 50 deltas, at least 5 of them. */
    public static final ReviewPolicy DEFAULT = new ReviewPolicy(6, 50, 5);

    public ReviewPolicy {
        if (!(madK > 0) || !Double.isFinite(madK)) {
            throw new IllegalArgumentException("madK " + madK + " must be finite and > 0");
        }
        if (window < 3) {
            throw new IllegalArgumentException("window " + window + " must be >= 3");
        }
        if (minHistory < 3 || minHistory > window) {
            throw new IllegalArgumentException("minHistory " + minHistory + " must be in [3, " + window + "]");
        }
    }

    /** @return a copy with another k */
    public ReviewPolicy withMadK(double k) {
        return new ReviewPolicy(k, window, minHistory);
    }

    /** @return a copy with another window */
    public ReviewPolicy withWindow(int w) {
        return new ReviewPolicy(madK, w, Math.min(minHistory, w));
    }

    /**
     * Flags a delta against explicit context.
     *
     * @param d                  the delta
     * @param recentNorms        finite L2 norms of the constellation's recent deltas (any order)
     * @param currentVersion     the newest global version the ground holds (-1 if none)
     * @param groundBaseDigest   the ground's digest of the delta's base version, empty if unknown
     * @return the flags, possibly none
     */
    public Set<DeltaFlag> auto(DeltaSubmission d, List<Double> recentNorms, long currentVersion, Optional<byte[]> groundBaseDigest) {
        Set<DeltaFlag> flags = EnumSet.noneOf(DeltaFlag.class);
        double norm = d.values().norm();
        if (!Double.isFinite(norm)) {
            flags.add(DeltaFlag.NON_FINITE);
        } else if (isNormOutlier(norm, recentNorms)) {
            flags.add(DeltaFlag.NORM_OUTLIER);
        }
        if (currentVersion >= 0 && d.baseVersion() < currentVersion) {
            flags.add(DeltaFlag.STALE_BASE);
        }
        if (d.sampleCount() == 0) {
            flags.add(DeltaFlag.ZERO_SAMPLES);
        }
        // An unknown base (newer than anything the ground made) cannot be vouched for either.
        if (groundBaseDigest.isEmpty() || !Arrays.equals(groundBaseDigest.get(), d.baseDigest())) {
            flags.add(DeltaFlag.DIGEST_MISMATCH);
        }
        return flags;
    }

    /** Flags a delta against what the archive knows (recent norms, current and base versions). */
    public Set<DeltaFlag> auto(DeltaSubmission d, Archive archive) {
        return auto(d, archive, archive.recentNorms(window, d.baseVersion()));
    }

    /**
     * Flags a delta against the archive's current and base versions and the given recent norms; current is
     * the newest version of the chain its satellite follows (its cluster's, in a clustered federation).
     */
    public Set<DeltaFlag> auto(DeltaSubmission d, Archive archive, List<Double> recentNorms) {
        long current = archive.latestGlobalVersionFor(d.satellite()).orElse(-1L);
        Optional<byte[]> base = archive.globalDigest(d.baseVersion()).map(h -> BaseEncoding.base16().lowerCase().decode(h));
        return auto(d, recentNorms, current, base);
    }

    /** @return true if {@code norm} is more than k MADs from the median of {@code recent} */
    boolean isNormOutlier(double norm, List<Double> recent) {
        double[] finite = recent.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
        if (finite.length < minHistory) {
            return false;
        }
        double median = median(finite);
        double[] dev = Arrays.stream(finite).map(x -> Math.abs(x - median)).toArray();
        // A floor keeps identical histories from flagging every rounding difference.
        double mad = Math.max(median(dev), 1e-9 * Math.max(median, 1e-300));
        return Math.abs(norm - median) > madK * mad;
    }

    /** @return the median of {@code x} (not modified), mean of the middle two for even lengths */
    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
