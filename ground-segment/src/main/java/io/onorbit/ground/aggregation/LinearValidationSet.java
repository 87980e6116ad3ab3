package io.onorbit.ground.aggregation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A ground validation set for the stand-in linear-regression task: prediction = w . x (+ b if the
 * model has one more parameter than there are features); error = mean squared error.
 *
 * <p>This is the documented stand-in used until the onboard model's own task is wired in: a
 * {@link ModelEvaluator} is all the report and the experiments need.
 *
 * @param features rows of d features
 * @param targets  one target per row
 */
public record LinearValidationSet(double[][] features, double[] targets) implements ModelEvaluator {

    public LinearValidationSet {
        if (features.length == 0 || features.length != targets.length) {
            throw new IllegalArgumentException("validation set needs rows, one target each (rows "
                    + features.length + ", targets " + targets.length + ")");
        }
        int d = features[0].length;
        for (double[] row : features) {
            if (row.length != d) {
                throw new IllegalArgumentException("validation rows differ in length: " + row.length + " vs " + d);
            }
        }
    }

    /** @return number of features */
    public int featureCount() {
        return features[0].length;
    }

    @Override
    public String errorName() {
        return "validation MSE (linear stand-in task)";
    }

    @Override
    public double error(float[] params) {
        int d = featureCount();
        if (params.length != d && params.length != d + 1) {
            throw new IllegalArgumentException("model has " + params.length + " parameters, validation set has "
                    + d + " features (expected " + d + " or " + (d + 1) + ")");
        }
        double bias = params.length == d + 1 ? params[d] : 0;
        double sse = 0;
        for (int r = 0; r < features.length; r++) {
            double p = bias;
            for (int i = 0; i < d; i++) {
                p += params[i] * features[r][i];
            }
            double e = p - targets[r];
            sse += e * e;
        }
        return sse / features.length;
    }

    /** Writes the set in the format {@link #readCsv} reads (features then target, one row per sample). */
    public void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# features..., target\n");
        for (int r = 0; r < features.length; r++) {
            for (double x : features[r]) {
                sb.append(x).append(',');
            }
            sb.append(targets[r]).append('\n');
        }
        Files.writeString(file, sb);
    }

    /**
     * Reads a CSV file: one row per sample, features then target, comma-separated; lines starting
     * with '#' and a header line that does not parse as numbers are skipped.
     *
     * @throws IllegalArgumentException naming the file and line if a row is malformed
     */
    public static LinearValidationSet readCsv(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",");
            double[] v = new double[cells.length];
            try {
                for (int i = 0; i < cells.length; i++) {
                    v[i] = Double.parseDouble(cells[i].strip());
                }
            } catch (NumberFormatException e) {
                if (rows.isEmpty() && n == 0) {
                    continue; // header
                }
                throw new IllegalArgumentException(file + ": line " + (n + 1) + ": not a number (" + e.getMessage() + ")");
            }
            if (v.length < 2) {
                throw new IllegalArgumentException(file + ": line " + (n + 1) + ": need at least one feature and a target");
            }
            if (!rows.isEmpty() && rows.get(0).length != v.length) {
                throw new IllegalArgumentException(file + ": line " + (n + 1) + ": " + v.length + " columns, expected " + rows.get(0).length);
            }
            rows.add(v);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no samples");
        }
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            x[r] = java.util.Arrays.copyOf(row, row.length - 1);
            y[r] = row[row.length - 1];
        }
        return new LinearValidationSet(x, y);
    }
}
