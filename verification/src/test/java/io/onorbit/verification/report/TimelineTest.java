package io.onorbit.verification.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.onorbit.flight.schedule.OnboardSchedule;
import io.onorbit.verification.sim.SyntheticSchedules;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final double YEAR_S = 365 * 86400.0;

    /** Pixels below the title and legend whose colour is the first station's blue, or a tint of it. */
    private static int stationPixels(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int n = 0;
        for (int y = 75; y < img.getHeight() - 60; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int b = rgb & 0xFF;
                if (b > r + 25) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void aOneMinutePassInAYearIsDrawnNotDropped() throws Exception {
        // one 60 s pass, 100 days in: a pixel column of the year is about 9 h
        OnboardSchedule s = SyntheticSchedules.build("sat-1", YEAR_S, 5700, 2000, 1_000_000, 60, 100 * 86400.0);
        assertThat(s.contacts()).hasSize(1);
        Timeline t = Timeline.of(List.of(s), YEAR_S);
        assertThat(t.rows()).extracting(Timeline.Row::label).containsExactly(s.contacts().get(0).station(), "sat-1");
        assertThat(stationPixels(t.png())).as("the pass shows in the station row and the satellite row").isPositive();
    }

    @Test
    void aThousandSatellitesEachGetARowAndTicksFollowTheSpan() {
        List<OnboardSchedule> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(SyntheticSchedules.build("sat-" + i, 86400, 5700, 2000, 2, 480, 60.0 * (i % 90)));
        }
        Timeline t = Timeline.of(many, 86400);
        assertThat(t.rows().stream().filter(Timeline.Row::satellite).count()).isEqualTo(1000);
        assertThat(t.satelliteRowPx()).isEqualTo(1);
        assertThat(Timeline.tickS(86400)).isEqualTo(2 * 3600.0);
        assertThat(Timeline.tickS(YEAR_S)).isEqualTo(91 * 86400.0);
        assertThat(YEAR_S / Timeline.tickS(YEAR_S)).isLessThanOrEqualTo(12);
    }
}
