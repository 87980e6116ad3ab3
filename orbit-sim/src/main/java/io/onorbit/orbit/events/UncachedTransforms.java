package io.onorbit.orbit.events;

import java.util.ArrayList;
import java.util.List;
import org.orekit.frames.Frame;
import org.orekit.frames.InterpolatingTransformProvider;
import org.orekit.frames.ShiftingTransformProvider;
import org.orekit.frames.StaticTransform;
import org.orekit.frames.TransformProvider;
import org.orekit.time.AbsoluteDate;

/**
 * Static transforms between two frames from each frame's own model at the date, past the caches
 * Orekit puts in front of its precession-nutation frames (TOD, TEME's parent, CIRF, ...). Such a
 * cache answers a date by filling a grid of full transforms around it (an hour apart, rates
 * included, computed through derivative fields), so a few day-apart knots cost hundreds of nutation
 * series, and in a fresh process the interpretation and compilation of that field code: a year's
 * day-apart knots in TEME cost about 1 s of CPU through the caches, tens of milliseconds without.
 * The value differs from the cached one only by the cache's own interpolation error (well below
 * 1e-10 rad). Where no frame on the path has a cache, the transform is Orekit's own.
 */
final class UncachedTransforms {

    private UncachedTransforms() {
    }

    /** @return the transform from {@code from} to {@code to} at {@code date}, each provider evaluated raw */
    static StaticTransform between(Frame from, Frame to, AbsoluteDate date) {
        List<Frame> fromPath = pathToRoot(from);
        List<Frame> toPath = pathToRoot(to);
        Frame common = null;
        for (Frame f : fromPath) {
            if (toPath.stream().anyMatch(g -> g == f)) {
                common = f;
                break;
            }
        }
        if (common == null) {
            throw new IllegalArgumentException("frames " + from.getName() + " and " + to.getName() + " share no root");
        }
        if (!cachedBelow(from, common) && !cachedBelow(to, common)) {
            return from.getStaticTransformTo(to, date);
        }
        StaticTransform commonToFrom = fromCommon(from, common, date);
        StaticTransform commonToTo = fromCommon(to, common, date);
        return StaticTransform.compose(date, commonToFrom.getInverse(), commonToTo);
    }

    /** @return the provider behind Orekit's interpolating or shifting cache, or {@code p} itself */
    static TransformProvider raw(TransformProvider p) {
        if (p instanceof InterpolatingTransformProvider i) {
            return i.getRawProvider();
        }
        if (p instanceof ShiftingTransformProvider s) {
            return s.getRawProvider();
        }
        return p;
    }

    private static List<Frame> pathToRoot(Frame frame) {
        List<Frame> path = new ArrayList<>();
        for (Frame f = frame; f != null; f = f.getParent()) {
            path.add(f);
        }
        return path;
    }

    private static boolean cachedBelow(Frame frame, Frame ancestor) {
        for (Frame f = frame; f != ancestor; f = f.getParent()) {
            if (raw(f.getTransformProvider()) != f.getTransformProvider()) {
                return true;
            }
        }
        return false;
    }

    /** @return the transform from {@code ancestor} down to {@code frame} */
    private static StaticTransform fromCommon(Frame frame, Frame ancestor, AbsoluteDate date) {
        StaticTransform t = StaticTransform.getIdentity();
        for (Frame f = frame; f != ancestor; f = f.getParent()) {
            t = StaticTransform.compose(date, raw(f.getTransformProvider()).getStaticTransform(date), t);
        }
        return t;
    }
}
