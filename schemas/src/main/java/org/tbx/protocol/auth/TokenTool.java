package org.tbx.protocol.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes token keys and mints API tokens without an identity provider. Needs only the JDK and this
 * jar:
 *
 * <pre>
 * java -cp tbx-schemas.jar org.tbx.protocol.auth.TokenTool keygen DIR
 * java -cp tbx-schemas.jar org.tbx.protocol.auth.TokenTool mint --key DIR/token-signing-key.pem --role node --subject guilin
 *      [--ttl P30D] [--issuer tbx] [--audience tbx-federation]
 * </pre>
 *
 * Exit code 0 on success, 2 for unusable arguments or an unreadable key.
 */
public final class TokenTool {

  private static final String USAGE =
      "usage: TokenTool keygen DIR | TokenTool mint --key SIGNING_KEY.pem --role "
          + String.join("|", Roles.ALL)
          + " --subject ID [--ttl P1D] [--issuer "
          + ApiTokens.DEFAULT_ISSUER
          + "] [--audience "
          + ApiTokens.DEFAULT_AUDIENCE
          + "]";

  private final PrintStream out;
  private final PrintStream err;

  public TokenTool(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new TokenTool(System.out, System.err).run(args));
  }

  /**
   * @return the exit code
   */
  public int run(String[] args) {
    if (args.length == 2 && args[0].equals("keygen")) {
      return keygen(Path.of(args[1]));
    }
    if (args.length >= 1 && args[0].equals("mint")) {
      return mint(args);
    }
    err.println(USAGE);
    return 2;
  }

  private int keygen(Path dir) {
    if (Files.exists(dir.resolve(TokenKeys.SIGNING_KEY))) {
      err.println(
          dir.resolve(TokenKeys.SIGNING_KEY) + " exists already; keygen never overwrites a key");
      return 2;
    }
    try {
      TokenKeys.write(TokenKeys.generate(), dir);
    } catch (IOException e) {
      err.println("cannot write keys into " + dir + ": " + e.getMessage());
      return 2;
    }
    out.println(
        "wrote "
            + dir.resolve(TokenKeys.SIGNING_KEY)
            + " (keep it secret) and "
            + dir.resolve(TokenKeys.VERIFY_KEY)
            + " (set TBX_JWT_PUBLIC_KEY to it on the hub and every adapter)");
    return 0;
  }

  private int mint(String[] args) {
    Map<String, String> options =
        new HashMap<>(
            Map.of(
                "--ttl",
                "P1D",
                "--issuer",
                ApiTokens.DEFAULT_ISSUER,
                "--audience",
                ApiTokens.DEFAULT_AUDIENCE));
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        err.println("option " + args[i] + " needs a value; " + USAGE);
        return 2;
      }
      options.put(args[i], args[i + 1]);
    }
    for (String required : new String[] {"--key", "--role", "--subject"}) {
      if (!options.containsKey(required)) {
        err.println(required + " is required; " + USAGE);
        return 2;
      }
    }
    try {
      ApiTokens.Claims claims =
          new ApiTokens.Claims(
              options.get("--issuer"),
              options.get("--audience"),
              options.get("--role"),
              options.get("--subject"),
              Instant.now(),
              Duration.parse(options.get("--ttl")));
      out.println(ApiTokens.mint(claims, TokenKeys.readPrivate(Path.of(options.get("--key")))));
      return 0;
    } catch (DateTimeParseException e) {
      err.println(
          "--ttl must be an ISO-8601 duration such as PT1H or P30D, not " + options.get("--ttl"));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
    } catch (IOException e) {
      err.println("cannot read " + options.get("--key") + ": " + e.getMessage());
    }
    return 2;
  }
}
