package io.onorbit.verification.review;

import java.util.List;

/** Left-aligned text columns for people. */
final class Table {

    private Table() {
    }

    static String render(List<String> header, List<String[]> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header.toArray(String[]::new), w);
        for (String[] r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            l.append(cells[i]).append(" ".repeat(w[i] - cells[i].length() + 2));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
