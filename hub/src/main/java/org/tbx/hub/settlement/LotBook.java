package org.tbx.hub.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minutes keep the issuer that created them: each account's minutes are lots by issuer and day,
 * spent oldest first and moved whole by gifts and donations; a reversal of an issue takes that
 * issuer's newest lots back.
 */
final class LotBook {

  /** Minutes of one issuer in an account. */
  static final class Lot {
    final String issuer;
    final Instant issuedAt;
    long minutes;

    Lot(String issuer, long minutes, Instant issuedAt) {
      this.issuer = issuer;
      this.minutes = minutes;
      this.issuedAt = issuedAt;
    }

    @Override
    public String toString() {
      return issuer + ":" + minutes;
    }
  }

  private final Map<String, Deque<Lot>> accounts = new HashMap<>();

  /** New minutes of an issuer arrive in an account. */
  void issue(String account, String issuer, long minutes) {
    issue(account, issuer, minutes, Instant.EPOCH);
  }

  /** New minutes of an issuer arrive in an account at a moment, which their age counts from. */
  void issue(String account, String issuer, long minutes, Instant at) {
    append(account, new Lot(issuer, minutes, at));
  }

  /**
   * Adds a lot after an account's newest; one of the same issuer and UTC day joins it (their order
   * and age are the same), so the book holds a lot per issuer and day, not per deposit.
   */
  private void append(String account, Lot lot) {
    Deque<Lot> queue = accounts.computeIfAbsent(account, k -> new ArrayDeque<>(4));
    Lot newest = queue.peekLast();
    if (newest != null
        && newest.issuer.equals(lot.issuer)
        && day(newest.issuedAt) == day(lot.issuedAt)) {
      newest.minutes += lot.minutes;
    } else {
      queue.addLast(lot);
    }
  }

  private static long day(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), 86_400);
  }

  /**
   * @return the lots taken from an account, oldest first, up to {@code minutes}
   */
  List<Lot> take(String account, long minutes) {
    List<Lot> taken = new ArrayList<>();
    Deque<Lot> queue = accounts.get(account);
    while (queue != null && minutes > 0 && !queue.isEmpty()) {
      Lot lot = queue.peekFirst();
      long t = Math.min(minutes, lot.minutes);
      lot.minutes -= t;
      minutes -= t;
      taken.add(new Lot(lot.issuer, t, lot.issuedAt));
      if (lot.minutes == 0) {
        queue.pollFirst();
      }
    }
    return taken;
  }

  /**
   * Takes an issuer's newest lots back from an account, up to {@code minutes}: a reversed issue.
   */
  void takeBack(String account, String issuer, long minutes) {
    Deque<Lot> queue = accounts.get(account);
    if (queue == null) {
      return;
    }
    Iterator<Lot> it = queue.descendingIterator();
    while (minutes > 0 && it.hasNext()) {
      Lot lot = it.next();
      if (lot.issuer.equals(issuer)) {
        long t = Math.min(minutes, lot.minutes);
        lot.minutes -= t;
        minutes -= t;
        if (lot.minutes == 0) {
          it.remove();
        }
      }
    }
  }

  /** Moves minutes between accounts, oldest lots first, keeping their issuers. */
  void move(String from, String to, long minutes) {
    for (Lot lot : take(from, minutes)) {
      append(to, lot);
    }
  }

  /** The age bands of unredeemed minutes, in whole years since issue: 0-1, 1-3, 3-5, 5 and more. */
  static final int[] AGE_BANDS = {1, 3, 5};

  /**
   * @return the minutes still held in all accounts by how long ago they were issued: [0, 1), [1,
   *     3), [3, 5) and 5 or more years
   */
  long[] ageing(Instant now) {
    long[] bands = new long[AGE_BANDS.length + 1];
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    accounts
        .values()
        .forEach(
            q ->
                q.forEach(
                    lot -> {
                      long years =
                          ChronoUnit.YEARS.between(
                              LocalDate.ofInstant(lot.issuedAt, ZoneOffset.UTC), today);
                      int band = 0;
                      while (band < AGE_BANDS.length && years >= AGE_BANDS[band]) {
                        band++;
                      }
                      bands[band] += lot.minutes;
                    }));
    return bands;
  }

  /**
   * @return the minutes each issuer has out in all accounts: its liability
   */
  Map<String, Long> outstanding() {
    Map<String, Long> out = new TreeMap<>();
    accounts.values().forEach(q -> q.forEach(lot -> out.merge(lot.issuer, lot.minutes, Long::sum)));
    return out;
  }
}
