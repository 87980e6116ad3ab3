package io.onorbit.verification.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.onorbit.verification.cli.MissionSetups;
import io.onorbit.verification.cli.RunSupport;
import io.onorbit.verification.sim.MissionSetup;
import io.onorbit.verification.sim.SimulationResult;
import io.onorbit.verification.soak.FaultPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The report read the way a designer reads it, at both ends of the scale: a 24-satellite Walker
 * constellation (every satellite in the table, no plot empty, flat or cut to the first few) and a
 * single satellite over a couple of passes (no one-point plots), both rendered in a browser.
 */
class ConstellationReportTest {

    @TempDir
    static Path tmp;

    private static SimulationResult walker;
    private static SimulationResult single;

    /** Both missions run once; each test reads them. */
    @BeforeAll
    static void runBoth() throws Exception {
        // The bundled walker-24 (53:24/4/1) itself, cut to its first 6 h: one source of truth.
        walker = run(Path.of(System.getProperty("onorbit.repo.root", ".."), "mission-configs", "walker-24.yaml"), 0.25,
                tmp.resolve("walker-24"));
        Path one = tmp.resolve("one.yaml");
        Files.writeString(one, SINGLE);
        single = run(one, null, tmp.resolve("one"));
    }

    private static final String STATIONS = io.onorbit.verification.bench.WalkerMissions.THREE_STATIONS;

    /** @param days the span to run, days, or null for the mission's own duration */
    private static SimulationResult run(Path mission, Double days, Path out) throws Exception {
        MissionSetup setup = MissionSetups.load(mission, days);
        return RunSupport.run(setup, setup.seed(), FaultPlan.none(), out, (done, total) -> { });
    }

    private static final String SINGLE = """
            mission: one-sat
            start: 2026-06-21T00:00:00Z
            duration: PT2H24M
            satellites:
              - name: sat-1
                tle:
                  - "1 99901U 26001A   26172.00000000  .00000000  00000-0  00000-0 0  9995"
                  - "2 99901  97.5960 270.0000 0001000  90.0000 270.0000 15.05000000    16"
            """ + STATIONS;

    @Test
    void aTwentyFourSatelliteWalkerListsEverySatelliteAndDrawsNoFlatPlot() throws Exception {
        SimulationResult r = walker;
        Path out = tmp.resolve("walker-24");
        assertThat(r.satellites()).hasSize(24);
        String page = Files.readString(out.resolve("index.html"));
        for (int i = 1; i <= 24; i++) {
            assertThat(page).as("table row of leo-" + i).contains("<tr><td>leo-" + i + "</td>");
        }
        assertThat(page).contains("24 rows, one per satellite").doesNotContain("<script").doesNotContain("http://")
                .doesNotContain("https://").doesNotContain("src=\"soc.png\"");

        double[][] change = MissionReport.changes(MissionReport.perSatelliteErrors(r));
        long[] offered = r.schedules().stream().mapToLong(s -> r.passCapacityBytes(s).orElseThrow()).toArray();
        List<Chart<?, ?>> charts = List.of(Plots.stateOfCharge(r), Plots.trainingPower(r), Plots.trainingEnergy(r), Plots.errors(r),
                Plots.errorChange(r, change), Plots.linkUse(r, offered), Plots.bytesPerPass(r));
        for (Chart<?, ?> c : charts) {
            assertDrawn(c);
        }
        // Past a handful of satellites, lines become the spread over all of them, never the first few.
        XYChart soc = Plots.stateOfCharge(r);
        assertThat(soc.getSeriesMap().keySet()).contains("lowest of 24 satellites", "median satellite", "highest of 24 satellites")
                .noneMatch(k -> k.startsWith("leo-"));
        // Bars per satellite: all 24 of them.
        assertThat(Plots.errorChange(r, change).getSeriesMap().get("onboard").getXData()).hasSize(24);

        Timeline t = Timeline.of(r.schedules(), r.simulatedS());
        List<Timeline.Row> sats = t.rows().stream().filter(Timeline.Row::satellite).toList();
        assertThat(sats).hasSize(24);
        // In June one plane of this Walker stays in sunlight for the whole 6 h (high beta angle): no umbra there.
        assertThat(sats.stream().filter(row -> !row.umbra().isEmpty()).count()).as("satellites with umbra").isGreaterThan(12);
        assertThat(sats.stream().filter(row -> !row.contacts().isEmpty()).count()).as("satellites with a pass").isGreaterThan(12);
        assertThat(t.stations()).contains("hartebeesthoek", "fairbanks");
        assertThat(t.png()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void aSingleSatelliteOverTwoPassesHasNoOnePointPlot() throws Exception {
        SimulationResult r = single;
        Path out = tmp.resolve("one");
        for (Chart<?, ?> c : List.of(Plots.stateOfCharge(r), Plots.trainingPower(r), Plots.trainingEnergy(r), Plots.errors(r))) {
            assertDrawn(c);
        }
        // A lone satellite serves its onboard model (no personal model), and in two passes the
        // local-only baseline can be bit-identical to it: its bars may rightly be equal.
        CategoryChart change = Plots.errorChange(r, MissionReport.changes(MissionReport.perSatelliteErrors(r)));
        assertThat(change.getSeriesMap().values().stream().flatMap(s -> s.getYData().stream())
                .filter(n -> n != null).anyMatch(n -> n.doubleValue() != 0)).as("a non-zero bar").isTrue();
        assertThat(Plots.trainingEnergy(r)).as("a few orbits: energy per satellite, not a one-point line")
                .isInstanceOf(CategoryChart.class);
        String page = Files.readString(out.resolve("index.html"));
        assertThat(page).contains("<tr><td>sat-1</td>", "1 rows, one per satellite", "Did the model get better?");
    }

    @Test
    void bothReportsRenderInAHeadlessBrowser() throws Exception {
        assumeTrue(BrowserShot.available(), "chromium not installed: screenshot test skipped");
        BrowserShot.take(tmp.resolve("walker-24").resolve("index.html"), tmp.resolve("shot-24"), "onorbit-walker24-report-shot.png",
                6000);
        BrowserShot.take(tmp.resolve("one").resolve("index.html"), tmp.resolve("shot-1"), "onorbit-single-report-shot.png", 3000);
    }

    /**
     * A chart draws something: line charts have at least three finite points per series and at
     * least one series that is not flat (the SoC floor is a constant by design); bar charts have
     * a non-zero bar and bars that differ.
     */
    static void assertDrawn(Chart<?, ?> c) {
        if (c instanceof XYChart xy) {
            boolean anyVaries = false;
            for (XYSeries s : xy.getSeriesMap().values()) {
                List<Double> y = new ArrayList<>();
                for (double v : s.getYData()) {
                    if (Double.isFinite(v)) {
                        y.add(v);
                    }
                }
                if (s.getName().equals("floor")) {
                    continue;
                }
                assertThat(y).as(c.getTitle() + " / " + s.getName() + ": points").hasSizeGreaterThanOrEqualTo(3);
                double lo = y.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double hi = y.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                anyVaries |= hi > lo;
            }
            assertThat(anyVaries).as(c.getTitle() + ": some series varies").isTrue();
        } else if (c instanceof CategoryChart cat) {
            List<Double> all = new ArrayList<>();
            for (CategorySeries s : cat.getSeriesMap().values()) {
                for (Number n : s.getYData()) {
                    if (n != null) {
                        all.add(n.doubleValue());
                    }
                }
            }
            assertThat(all).as(c.getTitle() + ": bars").isNotEmpty();
            assertThat(all.stream().anyMatch(v -> v != 0)).as(c.getTitle() + ": a non-zero bar").isTrue();
            if (all.size() > 1) {
                assertThat(all.stream().distinct().count()).as(c.getTitle() + ": bars differ").isGreaterThan(1);
            }
        }
    }
}
