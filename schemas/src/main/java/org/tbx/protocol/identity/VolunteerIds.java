package org.tbx.protocol.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Federation volunteer ids made from national ID numbers without revealing them (PROTOCOL.md
 * section 13): {@code tv1-} + 26 base32 characters of HMAC-SHA256(federation key, ID number) + a
 * check character. Every bank holds the federation key, so a person gets the same id in Guilin and
 * Beihai; the hub does not, so it can check an id's shape and check character but cannot find the
 * ID number behind it, even by trying every possible number. The national ID itself never leaves
 * the enrolling bank.
 */
public final class VolunteerIds {

  /** The prefix of a keyed-hash volunteer id, protocol v1. */
  public static final String PREFIX = "tv1-";

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final Pattern SHAPE = Pattern.compile("tv1-[a-z2-7]{27}");
  private static final Pattern RESIDENT_ID =
      Pattern.compile("(?<![0-9])([0-9]{17}[0-9Xx])(?![0-9])");
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_DIGITS = "10X98765432";

  private VolunteerIds() {}

  /**
   * @param federationKey the secret every bank of the federation shares (at least 32 bytes)
   * @param nationalId an 18-character resident ID number (GB 11643)
   * @throws IllegalArgumentException when the key is too short or the ID number is not a valid
   *     resident ID
   */
  public static String derive(byte[] federationKey, String nationalId) {
    if (federationKey.length < 32) {
      throw new IllegalArgumentException(
          "the federation key must have at least 32 bytes, has " + federationKey.length);
    }
    String id = nationalId == null ? "" : nationalId.trim().toUpperCase(Locale.ROOT);
    if (!isResidentId(id)) {
      throw new IllegalArgumentException(
          "not an 18-character resident ID number with a valid check digit");
    }
    byte[] mac;
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(federationKey, "HmacSHA256"));
      mac = hmac.doFinal(("tbx/v1/volunteer-id\n" + id).getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no HmacSHA256", e);
    }
    String body = base32(mac, 26);
    return PREFIX + body + checkChar(body);
  }

  /**
   * @return why the id must not be used as a federation volunteer id, if it must not: a {@code
   *     tv1-} id with a wrong shape or check character, or any id that carries a national ID number
   */
  public static Optional<String> problem(String volunteerId) {
    if (volunteerId == null) {
      return Optional.empty();
    }
    if (volunteerId.startsWith(PREFIX)) {
      if (!SHAPE.matcher(volunteerId).matches()) {
        return Optional.of("a tv1- volunteer id is tv1- and 27 base32 characters (a-z, 2-7)");
      }
      String body = volunteerId.substring(PREFIX.length(), volunteerId.length() - 1);
      if (checkChar(body) != volunteerId.charAt(volunteerId.length() - 1)) {
        return Optional.of(
            "the check character of "
                + volunteerId
                + " is wrong: it was not made by VolunteerIds.derive");
      }
    }
    if (containsNationalId(volunteerId)) {
      return Optional.of("it contains a national ID number; send the keyed hash (tv1-...) instead");
    }
    return Optional.empty();
  }

  /**
   * @return whether the id is a well-formed keyed-hash id: only a bank holding the person's ID
   *     number can make it
   */
  public static boolean isKeyed(String volunteerId) {
    return volunteerId != null && volunteerId.startsWith(PREFIX) && problem(volunteerId).isEmpty();
  }

  /**
   * @return whether the text contains an 18-character resident ID number with a valid check digit
   */
  public static boolean containsNationalId(String text) {
    if (text == null) {
      return false;
    }
    Matcher m = RESIDENT_ID.matcher(text);
    while (m.find()) {
      if (isResidentId(m.group(1).toUpperCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * @return whether {@code id} is an 18-character resident ID number whose last character is its GB
   *     11643 check digit
   */
  public static boolean isResidentId(String id) {
    if (id.length() != 18) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    return CHECK_DIGITS.charAt(sum % 11) == id.charAt(17);
  }

  private static String base32(byte[] bytes, int chars) {
    StringBuilder out = new StringBuilder(chars);
    int buffer = 0;
    int bits = 0;
    int i = 0;
    while (out.length() < chars) {
      if (bits < 5) {
        buffer = (buffer << 8) | (bytes[i++] & 0xff);
        bits += 8;
      }
      out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
      bits -= 5;
    }
    return out.toString();
  }

  /**
   * Luhn mod 32 over the base32 alphabet: catches any one wrong character and most swaps of
   * neighbours.
   */
  private static char checkChar(String body) {
    int factor = 2;
    int sum = 0;
    for (int i = body.length() - 1; i >= 0; i--) {
      int addend = factor * ALPHABET.indexOf(body.charAt(i));
      factor = factor == 2 ? 1 : 2;
      sum += addend / 32 + addend % 32;
    }
    return ALPHABET.charAt((32 - sum % 32) % 32);
  }
}
