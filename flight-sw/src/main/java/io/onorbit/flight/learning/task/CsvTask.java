package io.onorbit.flight.learning.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's own telemetry as a task stream. The file is comma-separated with a header line:
 * {@code time_s,<feature>,...,label}; times in s since the schedule epoch, non-decreasing; every
 * other cell a finite number. Blank lines and lines starting with {@code #} are skipped. The whole
 * file is checked when it is opened, so a bad row is reported at once as one line naming the file,
 * the line number and what is wrong. Concept and drift times are unknown (no oracle).
 */
public final class CsvTask extends TaskStream {

    private final int features;
    private final int rows;
    private final float[] values;

    private CsvTask(String name, int features, double[] timesS, float[] values) {
        super(name, features, "label unit of the file", false, timesS);
        this.features = features;
        this.rows = timesS.length;
        this.values = values;
    }

    /**
     * @param file the CSV file
     * @return the stream
     * @throws TaskDataException naming file, line and reason if it cannot be read
     */
    public static CsvTask open(Path file) {
        String shown = file.toString();
        List<double[]> rows = new ArrayList<>();
        int columns = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            double lastT = Double.NEGATIVE_INFINITY;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] cells = trimmed.split(",", -1);
                if (columns < 0) {
                    if (cells.length < 3 || !cells[0].strip().equals("time_s") || !cells[cells.length - 1].strip().equals("label")) {
                        throw new TaskDataException(shown + ": line " + lineNo + ": header must be time_s,<features...>,label"
                                + " with at least one feature");
                    }
                    columns = cells.length;
                    continue;
                }
                if (cells.length != columns) {
                    throw new TaskDataException(shown + ": line " + lineNo + ": expected " + columns + " columns, found "
                            + cells.length);
                }
                double[] row = new double[columns];
                for (int c = 0; c < columns; c++) {
                    String cell = cells[c].strip();
                    try {
                        row[c] = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        row[c] = Double.NaN;
                    }
                    if (!Double.isFinite(row[c])) {
                        throw new TaskDataException(shown + ": line " + lineNo + ": column " + (c + 1) + " '" + cell
                                + "' is not a finite number");
                    }
                }
                if (row[0] < lastT) {
                    throw new TaskDataException(shown + ": line " + lineNo + ": time_s " + row[0]
                            + " goes back in time (previous " + lastT + ")");
                }
                lastT = row[0];
                rows.add(row);
            }
        } catch (IOException e) {
            throw new TaskDataException(shown + ": cannot be read (" + e.getMessage() + ")");
        }
        if (columns < 0 || rows.isEmpty()) {
            throw new TaskDataException(shown + ": no data rows (expected a header time_s,<features...>,label and rows)");
        }
        int f = columns - 2;
        double[] t = new double[rows.size()];
        float[] v = new float[rows.size() * (f + 1)];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            t[r] = row[0];
            for (int c = 1; c < columns; c++) {
                v[r * (f + 1) + c - 1] = (float) row[c];
            }
        }
        String base = file.getFileName() == null ? shown : file.getFileName().toString();
        return new CsvTask("csv:" + base, f, t, v);
    }

    @Override
    public float next(float[] xOut) {
        advance();
        int base = (int) index() * (features + 1);
        System.arraycopy(values, base, xOut, 0, features);
        return values[base + features];
    }

    @Override
    public double[] abruptDriftTimesS() {
        return new double[0];
    }

    @Override
    public boolean knowsConcept() {
        return false;
    }

    @Override
    public double currentConceptLabel(float[] x) {
        return Double.NaN;
    }

    @Override
    public double preDriftConceptLabel(float[] x) {
        return Double.NaN;
    }

    /** @return rows in the file */
    public int rowCount() {
        return rows;
    }
}
