package org.tbx.node.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The adapter's entry point: with no arguments it runs the adapter; {@code import <file.csv>} runs
 * the bulk import against a running adapter instead, and {@code check <admission.json>} checks a
 * joining bank's admission against the broker and the hub, neither starting an adapter.
 */
@QuarkusMain
public class AdapterMain {

  public static void main(String... args) {
    if (args.length > 0 && args[0].equals("import")) {
      System.exit(
          new CommandLine(new ImportCommand()).execute(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("check")) {
      System.exit(
          new CommandLine(new ReadinessCommand())
              .execute(Arrays.copyOfRange(args, 1, args.length)));
    }
    int problems = Preflight.check(System.getenv(), System.getProperties(), System.err);
    if (problems > 0) {
      System.exit(2);
    }
    Quarkus.run(args);
  }
}
