package org.tbx.hub.web;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A table as a CSV download: RFC 4180 quoting, UTF-8 with a byte order mark so spreadsheet programs
 * read the Chinese right.
 */
final class Csv {

  private Csv() {}

  static Response download(String fileName, List<String> header, List<List<String>> rows) {
    StringBuilder b = new StringBuilder("\uFEFF");
    line(b, header);
    rows.forEach(r -> line(b, r));
    return Response.ok(b.toString().getBytes(StandardCharsets.UTF_8))
        .type("text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .build();
  }

  private static void line(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells.get(i) == null ? "" : cells.get(i);
      if (c.matches(".*[\",\r\n].*")
          || c.startsWith("=")
          || c.startsWith("+")
          || c.startsWith("-")
          || c.startsWith("@")) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    b.append("\r\n");
  }
}
