package io.onorbit.verification.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary figures a campaign tabulates for each run, taken from the same summary JSON that
 * {@code onorbit simulate --format json} prints (so the two never disagree). Column names carry
 * units; numbers are written with {@link Double#toString(double)} / {@link Long#toString(long)},
 * which are exact and locale-free, so the table is byte-identical whichever machine ran the run.
 */
public final class Figures {

    /**
     * One column.
     *
     * @param column  column name in results.csv, with its unit
     * @param pointer where the value is in the summary JSON
     * @param meaning what it is, for the HTML page and SCHEMA.md
     */
    public record Column(String column, String pointer, String meaning) { }

    /** The columns, in table order. */
    public static final List<Column> COLUMNS = List.of(
            new Column("min_soc_fraction", "/min_soc", "lowest battery state of charge over all satellites"),
            new Column("training_energy_wh", "/training_energy_wh", "energy the optimizers drew for training, all satellites"),
            new Column("mean_error_frozen_task_units", "/error/frozen", "time-averaged prediction error of the frozen model"),
            new Column("mean_error_onboard_task_units", "/error/onboard", "time-averaged prediction error with onboard training"),
            new Column("mean_error_federated_task_units", "/error/federated", "time-averaged prediction error with federated updates"),
            new Column("deltas_generated_count", "/deltas/generated", "weight deltas made on board"),
            new Column("deltas_delivered_count", "/deltas/delivered", "weight deltas delivered to the ground"),
            new Column("deltas_lost_count", "/deltas/lost", "weight deltas lost"),
            new Column("downlinked_bytes", "/deltas/bytes_downlinked", "bytes the radios sent down"),
            new Column("uplinked_bytes", "/bytes_uplinked", "bytes the ground sent up"),
            new Column("global_updates_applied_count", "/global_updates_applied", "global models applied on board"),
            new Column("invariant_violations_count", "/invariant_violations", "invariant violations (0 for a sound run)"));

    private Figures() {
    }

    /** @return the figures of one run's summary, by column name; empty text where the summary has none */
    static Map<String, String> of(JsonNode summary) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Column c : COLUMNS) {
            JsonNode v = summary.at(c.pointer());
            String text;
            if (v.isIntegralNumber()) {
                text = Long.toString(v.asLong());
            } else if (v.isNumber()) {
                text = Double.toString(v.asDouble());
            } else {
                text = "";
            }
            out.put(c.column(), text);
        }
        return out;
    }
}
