package org.tbx.kit.api;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * A list's {@code page} and {@code size} query parameters: read as text so a wrong value is
 * answered with a 400 naming the parameter, and bounded so that no page starts beyond {@link
 * #MAX_OFFSET} rows.
 */
public class Paging {

  /** Most items on one page. */
  public static final int MAX_SIZE = 500;

  /** The furthest row a page may start at; beyond it, filter instead of paging. */
  public static final long MAX_OFFSET = 10_000_000;

  @QueryParam("page")
  @Parameter(description = "page number, from 0 (default 0); page × size at most 10,000,000")
  String page;

  @QueryParam("size")
  @Parameter(description = "items per page, 1 to 500 (default 50)")
  String size;

  public Paging() {}

  /** Paging given in code, e.g. for tests and internal callers. */
  public Paging(int page, int size) {
    this.page = Integer.toString(page);
    this.size = Integer.toString(size);
  }

  public int page() {
    int p = QueryParams.integer("page", page, 0, 0, Integer.MAX_VALUE);
    if ((long) p * size() > MAX_OFFSET) {
      throw ApiException.invalid(
          "page",
          "INVALID_FIELD",
          "page × size must be at most "
              + MAX_OFFSET
              + " (was "
              + p
              + " × "
              + size()
              + "); narrow the filter");
    }
    return p;
  }

  public int size() {
    return QueryParams.integer("size", size, 50, 1, MAX_SIZE);
  }

  /**
   * @return the first row of the page
   */
  public long offset() {
    return (long) page() * size();
  }
}
