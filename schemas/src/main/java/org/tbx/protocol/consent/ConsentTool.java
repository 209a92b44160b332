package org.tbx.protocol.consent;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.v1.ConsentPurpose;

/**
 * What a volunteer's app does with the consent key the volunteer holds, as a command (JDK and this
 * jar only):
 *
 * <pre>
 * java -cp tbx-schemas.jar org.tbx.protocol.consent.ConsentTool keygen FILE
 * java -cp tbx-schemas.jar org.tbx.protocol.consent.ConsentTool sign --key FILE --volunteer ID --node BANK
 *      --purpose REDEMPTION|GIFT|DONATION --minutes N [--ttl PT1H] [--id UUID]
 * </pre>
 *
 * {@code keygen} writes a key file (properties {@code publicKeyHex}, {@code privateKeyPkcs8Hex})
 * and prints the public key the home bank registers; {@code sign} prints the consent as the JSON a
 * bank's adapter takes in a redemption, gift or donation. Exit code 0 on success, 2 for unusable
 * arguments or an unreadable key.
 */
public final class ConsentTool {

  private static final Set<String> PURPOSES = Set.of("REDEMPTION", "GIFT", "DONATION");
  private static final String USAGE =
      "usage: ConsentTool keygen FILE | ConsentTool sign --key FILE --volunteer ID --node BANK "
          + "--purpose REDEMPTION|GIFT|DONATION --minutes N [--ttl PT1H] [--id UUID]";

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  public ConsentTool(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  public static void main(String[] args) {
    System.exit(new ConsentTool(System.out, System.err, Clock.systemUTC()).run(args));
  }

  /**
   * @return the exit code
   */
  public int run(String[] args) {
    if (args.length == 2 && args[0].equals("keygen")) {
      return keygen(Path.of(args[1]));
    }
    if (args.length >= 1 && args[0].equals("sign")) {
      return sign(args);
    }
    err.println(USAGE);
    return 2;
  }

  private int keygen(Path file) {
    if (Files.exists(file)) {
      err.println(file + " exists already; keygen never overwrites a key");
      return 2;
    }
    KeyPair pair = Ed25519Keys.generate();
    String publicKeyHex = HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(pair.getPublic()));
    try {
      Files.writeString(
          file,
          "# A volunteer's consent key: keep the private half on the volunteer's device only.\n"
              + "publicKeyHex="
              + publicKeyHex
              + "\nprivateKeyPkcs8Hex="
              + HexFormat.of().formatHex(pair.getPrivate().getEncoded())
              + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("cannot write " + file + ": " + e.getMessage());
      return 2;
    }
    out.println(
        "wrote "
            + file
            + "; the home bank registers public key "
            + publicKeyHex
            + " (key id "
            + Ed25519Keys.keyId(pair.getPublic())
            + ")");
    return 0;
  }

  private int sign(String[] args) {
    Map<String, String> options =
        new HashMap<>(Map.of("--ttl", "PT1H", "--id", UUID.randomUUID().toString()));
    for (int i = 1; i < args.length; i += 2) {
      if (i + 1 >= args.length || !args[i].startsWith("--")) {
        err.println(USAGE);
        return 2;
      }
      options.put(args[i], args[i + 1]);
    }
    for (String required :
        new String[] {"--key", "--volunteer", "--node", "--purpose", "--minutes"}) {
      if (!options.containsKey(required)) {
        err.println(required + " is required; " + USAGE);
        return 2;
      }
    }
    String purpose = options.get("--purpose");
    if (!PURPOSES.contains(purpose)) {
      err.println("--purpose must be one of " + PURPOSES + ", was " + purpose);
      return 2;
    }
    int minutes;
    Duration ttl;
    try {
      minutes = Integer.parseInt(options.get("--minutes"));
      ttl = Duration.parse(options.get("--ttl"));
    } catch (NumberFormatException | DateTimeParseException e) {
      err.println(
          "--minutes must be a whole number and --ttl an ISO-8601 duration such as PT1H: "
              + e.getMessage());
      return 2;
    }
    if (minutes < 1) {
      err.println("--minutes must be at least 1, was " + minutes);
      return 2;
    }
    Properties key = new Properties();
    try (Reader in =
        Files.newBufferedReader(Path.of(options.get("--key")), StandardCharsets.UTF_8)) {
      key.load(in);
    } catch (IOException e) {
      err.println("cannot read --key " + options.get("--key") + ": " + e.getMessage());
      return 2;
    }
    PrivateKey privateKey;
    PublicKey publicKey;
    try {
      privateKey =
          Ed25519Keys.privateKey(
              HexFormat.of().parseHex(key.getProperty("privateKeyPkcs8Hex", "")));
      publicKey =
          Ed25519Keys.publicKey(HexFormat.of().parseHex(key.getProperty("publicKeyHex", "")));
    } catch (IllegalArgumentException e) {
      err.println(
          options.get("--key") + " does not hold a consent key made by keygen: " + e.getMessage());
      return 2;
    }
    Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.MILLIS);
    String consentId = options.get("--id");
    out.println(
        Consents.json(
            Consents.sign(
                consentId,
                options.get("--volunteer"),
                options.get("--node"),
                ConsentPurpose.valueOf(purpose),
                minutes,
                expiresAt,
                privateKey,
                publicKey)));
    return 0;
  }
}
