package org.tbx.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Reads the protocol's data files (published schemas, rulebooks) from the {@code schemas} artifact.
 */
public final class Resources {

  private Resources() {}

  /**
   * @param name a classpath resource
   * @throws IllegalStateException when it is missing
   */
  public static InputStream open(String name) {
    InputStream in =
        Resources.class.getClassLoader().getResourceAsStream(Objects.requireNonNull(name, "name"));
    if (in == null) {
      throw new IllegalStateException("the schemas artifact lacks " + name);
    }
    return in;
  }

  /**
   * @return the non-blank lines of a text resource that are not {@code #} comments, trimmed
   */
  public static List<String> lines(String name) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
      return r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
