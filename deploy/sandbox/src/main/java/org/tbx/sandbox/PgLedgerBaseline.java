package org.tbx.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tbx.infra.Infrastructure;

/**
 * pgledger (a double-entry ledger written as PostgreSQL functions, kept in {@code
 * shared/peers/pgledger} and loaded from there, never copied into TBX) on the same server in the
 * same run as the hub: transfers between random accounts, a fixed number per call, from a few
 * clients, each call its own transaction.
 */
final class PgLedgerBaseline {

  private static final String SCHEMA = "bench_pgledger";
  private static final int ACCOUNTS = 1_000;
  private static final int PER_CALL = 100;
  private static final int CLIENTS = 2;
  private static final long SECONDS = 10;

  private PgLedgerBaseline() {}

  /**
   * @return where pgledger's SQL is: {@code TBX_PGLEDGER}, else {@code shared/peers/pgledger} next
   *     to the checkout
   */
  static Path location(Path home) {
    String set = System.getenv("TBX_PGLEDGER");
    return set != null ? Path.of(set) : home.resolve("../shared/peers/pgledger").normalize();
  }

  static void measure(Infrastructure infra, Path home, LogProofTiming.Say say) throws Exception {
    Path dir = location(home);
    if (!Files.isRegularFile(dir.resolve("pgledger.sql"))) {
      say.say("pgledger baseline skipped: no pgledger.sql in %s (set TBX_PGLEDGER)", dir);
      return;
    }
    List<String> accounts = install(infra, dir);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      long end = System.nanoTime() + SECONDS * 1_000_000_000L;
      long start = System.nanoTime();
      List<Future<Long>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        long seed = c;
        done.add(clients.submit(() -> post(infra, accounts, end, new SplittableRandom(seed))));
      }
      long transfers = 0;
      for (Future<Long> f : done) {
        transfers += f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      say.say(
          "pgledger: %,d transfers in %.1f s = %,.0f transfers/s (%d accounts, %d transfers per call, %d clients)",
          transfers, seconds, transfers / seconds, ACCOUNTS, PER_CALL, CLIENTS);
    } finally {
      clients.shutdownNow();
    }
  }

  /** Loads pgledger into its own schema, as its README says, and creates the accounts. */
  private static List<String> install(Infrastructure infra, Path dir) throws Exception {
    try (Connection db = connect(infra);
        Statement s = db.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
      s.execute("create schema " + SCHEMA);
      db.setAutoCommit(false);
      s.execute("set local search_path to " + SCHEMA);
      for (String file :
          List.of(
              "vendor/scoville-pgsql-ulid/ulid-to-uuid.sql",
              "vendor/scoville-pgsql-ulid/uuid-to-ulid.sql",
              "pgledger.sql")) {
        s.execute(Files.readString(dir.resolve(file)));
      }
      List<String> ids = new ArrayList<>();
      try (PreparedStatement create =
          db.prepareStatement("select id from pgledger_create_account(?, 'MIN')")) {
        for (int i = 0; i < ACCOUNTS; i++) {
          create.setString(1, "account-" + i);
          try (ResultSet rs = create.executeQuery()) {
            rs.next();
            ids.add(rs.getString(1));
          }
        }
      }
      db.commit();
      return ids;
    }
  }

  private static long post(
      Infrastructure infra, List<String> accounts, long end, SplittableRandom random)
      throws Exception {
    long posted = 0;
    try (Connection db = connect(infra);
        Statement s = db.createStatement()) {
      s.execute("set search_path to " + SCHEMA);
      try (PreparedStatement call =
          db.prepareStatement(
              "select count(*) from pgledger_create_transfers(?::transfer_request[])")) {
        while (System.nanoTime() < end) {
          StringBuilder requests = new StringBuilder("{");
          for (int i = 0; i < PER_CALL; i++) {
            int from = random.nextInt(accounts.size());
            int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
            requests
                .append(i == 0 ? "" : ",")
                .append("\"(")
                .append(accounts.get(from))
                .append(',')
                .append(accounts.get(to))
                .append(",30)\"");
          }
          call.setString(1, requests.append('}').toString());
          try (ResultSet rs = call.executeQuery()) {
            rs.next();
            posted += rs.getLong(1);
          }
        }
      }
    }
    return posted;
  }

  private static Connection connect(Infrastructure infra) throws Exception {
    return DriverManager.getConnection(
        infra.postgres().jdbcUrl(), infra.postgres().username(), infra.postgres().password());
  }
}
