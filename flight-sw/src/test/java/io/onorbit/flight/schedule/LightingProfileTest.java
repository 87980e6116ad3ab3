package io.onorbit.flight.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LightingProfileTest {

    /** Fully lit, a linear fade to dark over 10 s, back to full over the next 10 s. */
    private static final LightingProfile V = LightingProfile.fromSamples(new double[] {100, 110, 120}, new double[] {1, 0, 1});

    @Test
    void isLinearBetweenKnotsAndFlatOutside() {
        assertThat(V.ratioAt(105)).isEqualTo(0.5);
        assertThat(V.ratioAt(112.5)).isEqualTo(0.25);
        assertThat(V.ratioAt(110)).isEqualTo(0.0);
        assertThat(V.ratioAt(0)).isEqualTo(1.0);
        assertThat(V.ratioAt(1e6)).isEqualTo(1.0);
        assertThat(LightingProfile.alwaysLit().ratioAt(42)).isEqualTo(1.0);
    }

    @Test
    void meanIsTheAreaUnderTheLinesOverTheSpan() {
        // the V is a triangle of area 10 s below 1 over [100, 120]
        assertThat(V.meanRatio(100, 120)).isCloseTo(0.5, offset(1e-12));
        assertThat(V.meanRatio(0, 200)).isCloseTo(1 - 10.0 / 200, offset(1e-12));
        // inside one segment the mean is the value at the midpoint: 1 - 3/10
        assertThat(V.meanRatio(102, 104)).isCloseTo(0.7, offset(1e-12));
        // an empty interval reads the point
        assertThat(V.meanRatio(105, 105)).isEqualTo(0.5);
    }

    @Test
    void samplesAreHeldInFloat32LikeTheOnboardSchedule() {
        LightingProfile p = LightingProfile.fromSamples(new double[] {0, 1}, new double[] {0.1, 0.1});
        assertThat(p.ratioAt(0.5)).isEqualTo((double) 0.1f);
        assertThat(p.knotCount()).isEqualTo(2);
    }

    @Test
    void refusesBrokenSamples() {
        assertThatThrownBy(() -> LightingProfile.fromSamples(new double[] {0, 1}, new double[] {1}))
                .hasMessageContaining("2 knot times but 1 ratios");
        assertThatThrownBy(() -> LightingProfile.fromSamples(new double[] {0, 0}, new double[] {1, 1}))
                .hasMessageContaining("increase strictly at index 1");
        assertThatThrownBy(() -> LightingProfile.fromSamples(new double[] {0, 1}, new double[] {1, 1.5}))
                .hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> LightingProfile.fromSamples(new double[] {0}, new double[] {Double.NaN}))
                .hasMessageContaining("outside [0, 1]");
    }
}
