package org.tbx.hub.settlement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minutes keep the issuer that created them: each account's minutes are lots by issuer, spent
 * oldest first and moved whole by gifts and donations; a reversal of an issue takes that issuer's
 * newest lots back.
 */
final class LotBook {

  /** Minutes of one issuer in an account. */
  static final class Lot {
    final String issuer;
    long minutes;

    Lot(String issuer, long minutes) {
      this.issuer = issuer;
      this.minutes = minutes;
    }

    @Override
    public String toString() {
      return issuer + ":" + minutes;
    }
  }

  private final Map<String, Deque<Lot>> accounts = new HashMap<>();

  /** New minutes of an issuer arrive in an account. */
  void issue(String account, String issuer, long minutes) {
    accounts.computeIfAbsent(account, k -> new ArrayDeque<>()).addLast(new Lot(issuer, minutes));
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
      taken.add(new Lot(lot.issuer, t));
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
      accounts.computeIfAbsent(to, k -> new ArrayDeque<>()).addLast(lot);
    }
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
