package org.tbx.protocol.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.tbx.protocol.Resources;

/** Every published rulebook version, read from the {@code schemas} artifact. */
public final class Rulebooks {

  private static final String FOLDER = "org/tbx/protocol/rulebook/";
  private static final TreeMap<Integer, Rulebook> ALL = load();

  private Rulebooks() {}

  /**
   * @return the rulebook of a version, if published
   */
  public static Optional<Rulebook> version(int version) {
    return Optional.ofNullable(ALL.get(version));
  }

  /**
   * @return the newest published rulebook
   */
  public static Rulebook current() {
    return ALL.lastEntry().getValue();
  }

  /**
   * @return the newest version in force on a day (its {@code effectiveFrom} on or before it), if
   *     any
   */
  public static Optional<Rulebook> inForceOn(LocalDate day) {
    return ALL.descendingMap().values().stream()
        .filter(r -> !r.effectiveDate().isAfter(day))
        .findFirst();
  }

  /**
   * @return every published version, oldest first
   */
  public static List<Rulebook> all() {
    return List.copyOf(ALL.values());
  }

  private static TreeMap<Integer, Rulebook> load() {
    ObjectMapper json =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    TreeMap<Integer, Rulebook> out = new TreeMap<>();
    for (String file : Resources.lines(FOLDER + "index.txt")) {
      try (InputStream in = Resources.open(FOLDER + file)) {
        Rulebook rulebook = json.readValue(in, Rulebook.class);
        if (out.put(rulebook.version(), rulebook) != null) {
          throw new IllegalStateException(
              "rulebook version " + rulebook.version() + " is published twice");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read rulebook " + file + ": " + e.getMessage(), e);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no rulebook is published");
    }
    return out;
  }
}
