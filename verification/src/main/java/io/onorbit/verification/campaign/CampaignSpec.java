package io.onorbit.verification.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A validated campaign file: the base mission, the span, the seeds and the grid of overrides.
 *
 * @param name         campaign name (default output folder {@code onorbit-out/<name>})
 * @param file         the campaign file
 * @param missionFile  the base mission file (resolved against the campaign file's folder)
 * @param days         span of every run from the mission start, days (absent: the mission's duration)
 * @param seeds        seeds, in file order, each run once per seed (at least one)
 * @param fields       varied fields, in file order, each with its values (at least one value each)
 */
public record CampaignSpec(String name, Path file, Path missionFile, OptionalDouble days, List<Long> seeds,
                           List<Field> fields) {

    public CampaignSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(missionFile, "missionFile");
        Objects.requireNonNull(days, "days");
        seeds = List.copyOf(seeds);
        fields = List.copyOf(fields);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds must not be empty");
        }
    }

    /**
     * One varied field.
     *
     * @param path   dotted field path in the mission file, list elements as {@code [i]}
     *               (e.g. {@code spacecraft.power.battery.capacity_wh}, {@code satellites[0].altitude_km})
     * @param values the values it takes (YAML scalars or trees), in file order
     */
    public record Field(String path, List<JsonNode> values) {
        public Field {
            Objects.requireNonNull(path, "path");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException(path + ": no values");
            }
        }
    }

    /** @return number of runs: the product of the grid's sizes times the number of seeds */
    public int runCount() {
        long n = seeds.size();
        for (Field f : fields) {
            n *= f.values().size();
        }
        return Math.toIntExact(n);
    }

    /**
     * The runs in their fixed order: the first field varies slowest, the seed fastest. The order,
     * and so each run's id, depends only on the campaign file.
     *
     * @return every (values, seed) point of the grid
     */
    public List<GridPoint> points() {
        List<GridPoint> out = new ArrayList<>(runCount());
        int total = runCount();
        int width = Integer.toString(total).length();
        int[] idx = new int[fields.size()];
        int n = 0;
        while (true) {
            List<JsonNode> values = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                values.add(fields.get(i).values().get(idx[i]));
            }
            for (long seed : seeds) {
                n++;
                out.add(new GridPoint(String.format("run-%0" + width + "d", n), values, seed));
            }
            int k = fields.size() - 1;
            while (k >= 0 && ++idx[k] == fields.get(k).values().size()) {
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                return out;
            }
        }
    }

    /**
     * One run of the grid.
     *
     * @param runId  stable id ({@code run-001}, ...), from the run's place in the grid
     * @param values one value per varied field, in field order
     * @param seed   the run's seed
     */
    public record GridPoint(String runId, List<JsonNode> values, long seed) {
        public GridPoint {
            values = List.copyOf(values);
        }
    }
}
