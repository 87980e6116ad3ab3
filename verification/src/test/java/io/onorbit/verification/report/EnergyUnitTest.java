package io.onorbit.verification.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The training-energy axis picks a unit in which the largest value reads as at least 1 (1 Wh = 3600 J). */
class EnergyUnitTest {

    @ParameterizedTest
    @CsvSource({
        "2967.5, WH",        // the envelope's whole offer over a week
        "0.5, MWH",
        "1.0e-4, MJ",        // 0.36 J = 360 mJ
        "1.0e-11, NJ",       // 36 nJ: an orbit of analog updates
        "2.0e-10, NJ",       // 0.72 uJ = 720 nJ
        "5.0e-4, J",         // 1.8 J
        "0, WH"})
    void picksTheLargestUnitThatKeepsTheValueAboveOne(double maxWh, Plots.EnergyUnit expected) {
        Plots.EnergyUnit u = Plots.EnergyUnit.readableFor(maxWh);
        assertThat(u).isEqualTo(expected);
        if (maxWh > 0) {
            assertThat(maxWh / u.wh).isBetween(1.0, 1000.0 * 3.6);
        }
    }
}
