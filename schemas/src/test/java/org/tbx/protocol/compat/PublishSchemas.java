package org.tbx.protocol.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.avro.Schema;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.NoticeBatch;
import org.tbx.protocol.v1.SignedBatch;
import org.tbx.protocol.v1.SignedNotices;

/**
 * Publishes the current schemas of the top-level messages as a new protocol revision: writes them
 * under {@code src/main/resources/org/tbx/protocol/published/v1/<revision>/} and lists them in the
 * index. Run from the {@code schemas} folder with the revision number as the only argument, once
 * per release.
 */
public final class PublishSchemas {

  /**
   * The messages that travel on their own and so carry a fingerprint: the ones that are published.
   */
  public static final List<Schema> TOP_LEVEL =
      List.of(
          SignedBatch.getClassSchema(),
          NodeBatch.getClassSchema(),
          NodeEvent.getClassSchema(),
          SignedNotices.getClassSchema(),
          NoticeBatch.getClassSchema());

  private PublishSchemas() {}

  public static void main(String[] args) throws IOException {
    int revision = Integer.parseInt(args[0]);
    Path root = Path.of("src/main/resources/org/tbx/protocol/published");
    Path dir = Files.createDirectories(root.resolve("v1/" + revision));
    StringBuilder index = new StringBuilder();
    for (Schema schema : TOP_LEVEL) {
      Path file = dir.resolve(schema.getName() + ".avsc");
      if (Files.exists(file)) {
        throw new IllegalStateException(file + " exists: a published revision is never changed");
      }
      Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
      index.append("v1/").append(revision).append('/').append(schema.getName()).append(".avsc\n");
    }
    Path indexFile = root.resolve("index.txt");
    if (!Files.exists(indexFile)) {
      Files.writeString(
          indexFile,
          "# Published schemas: v<major>/<revision>/<Message>.avsc, oldest first. Never edit one.\n");
    }
    Files.writeString(indexFile, index.toString(), StandardOpenOption.APPEND);
    System.out.println("published revision " + revision + " in " + dir);
  }
}
