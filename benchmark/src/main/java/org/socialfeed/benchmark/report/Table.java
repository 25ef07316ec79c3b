package org.socialfeed.benchmark.report;

import java.util.List;

/** A titled table, rendered both as Markdown and as HTML. */
public record Table(String title, List<String> headers, List<List<String>> rows) {

    public String markdown() {
        StringBuilder text = new StringBuilder("### ").append(title).append("\n\n");
        text.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        headers.forEach(h -> text.append("---|"));
        text.append('\n');
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row.stream().map(Table::cell).toList())).append(" |\n");
        }
        return text.append('\n').toString();
    }

    public String html() {
        StringBuilder text = new StringBuilder("<h3>").append(escape(title)).append("</h3>\n<table>\n<tr>");
        headers.forEach(h -> text.append("<th>").append(escape(h)).append("</th>"));
        text.append("</tr>\n");
        for (List<String> row : rows) {
            text.append("<tr>");
            row.forEach(c -> text.append("<td>").append(escape(c)).append("</td>"));
            text.append("</tr>\n");
        }
        return text.append("</table>\n").toString();
    }

    private static String cell(String value) {
        return value.replace("|", "\\|").replace("\n", " ");
    }

    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
