package org.tbx.protocol.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.Topics;

/**
 * Checks another implementation's output: a folder of record values (one file per Kafka record, in
 * stream order by file name) that a bank's adapter published, against the bank's public key.
 *
 * <pre>
 * java -cp tbx-schemas.jar:... org.tbx.protocol.conformance.ConformanceSuite NODE_ID PUBLIC_KEY_HEX FOLDER
 * </pre>
 *
 * Exits 0 when every record is the stream's next batch, 1 otherwise, printing one line per record.
 */
public final class ConformanceSuite {

  private ConformanceSuite() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ConformanceSuite NODE_ID PUBLIC_KEY_HEX FOLDER_OF_RECORD_FILES");
      System.exit(2);
    }
    System.exit(run(args[0], args[1], Path.of(args[2]), System.out) ? 0 : 1);
  }

  /**
   * @return whether every record was accepted as the stream's next batch
   */
  public static boolean run(String nodeId, String publicKeyHex, Path folder, PrintStream out)
      throws IOException {
    Topics.requireNodeId(nodeId);
    var key = Ed25519Keys.publicKey(HexFormat.of().parseHex(publicKeyHex));
    StreamChecker checker = new StreamChecker(nodeId, Map.of(Ed25519Keys.keyId(key), key));
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(Files::isRegularFile).sorted().toList();
    }
    boolean ok = !files.isEmpty();
    for (Path file : files) {
      StreamChecker.Result r = checker.check(Files.readAllBytes(file));
      ok &= r.verdict().equals("NEXT");
      out.printf(
          "%-40s %-7s %s %s%n",
          file.getFileName(), r.verdict(), r.reason() == null ? "" : r.reason(), r.detail());
    }
    out.printf(
        "%d records, stream at sequence %d: %s%n",
        files.size(), checker.lastSequence(), ok ? "CONFORMS" : "DOES NOT CONFORM");
    return ok;
  }
}
