package org.socialfeed.benchmark.report;

import java.util.List;
import java.util.Locale;

/** A horizontal bar chart as inline SVG (no script, no external file), for the self-contained HTML report. */
public final class SvgBarChart {

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"};
    private static final int LABEL_WIDTH = 330;
    private static final int BAR_WIDTH = 420;
    private static final int ROW = 22;

    /** One bar; bars with the same {@code series} share a colour. */
    public record Bar(String label, double value, int series) {
    }

    private SvgBarChart() {
    }

    public static String render(String title, String unit, List<Bar> bars) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        max = max <= 0 ? 1 : max;
        int height = 30 + bars.size() * ROW + 10;
        int width = LABEL_WIDTH + BAR_WIDTH + 140;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"12\" role=\"img\">\n<text x=\"4\" y=\"18\" font-size=\"14\" "
                        + "font-weight=\"bold\">%s</text>\n", width, height, Table.escape(title + " (" + unit + ")")));
        int y = 30;
        for (Bar bar : bars) {
            double length = Math.max(0, bar.value()) / max * BAR_WIDTH;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\">%s</text>\n",
                    LABEL_WIDTH - 6, y + 14, Table.escape(bar.label()),
                    LABEL_WIDTH, y + 3, length, ROW - 6, COLORS[Math.floorMod(bar.series(), COLORS.length)],
                    LABEL_WIDTH + length + 4, y + 14, format(bar.value())));
            y += ROW;
        }
        return svg.append("</svg>\n").toString();
    }

    static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
