package org.tbx.hub.registry;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/** Banks' public profiles (table {@code bank_profile}): where a volunteer can redeem. */
@ApplicationScoped
public class BankDirectory {

  /**
   * A bank's public profile.
   *
   * @param regionCode the GB/T 2260 code of the bank's county or city, six digits
   * @param categories the rulebook's service categories the bank offers
   */
  public record Profile(
      String nodeId,
      String nameZh,
      String nameEn,
      String regionCode,
      String address,
      String phone,
      String hours,
      List<String> categories,
      Instant updatedAt) {

    /**
     * @return the province's GB/T 2260 code: the first two digits and four zeros
     */
    public String provinceCode() {
      return regionCode.substring(0, 2) + "0000";
    }
  }

  private final Jdbc jdbc;

  BankDirectory(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Creates or replaces a bank's profile. */
  public Profile save(Profile p, String by) {
    jdbc.update(
        "insert into bank_profile (node_id, name_zh, name_en, region_code, address, phone, hours,"
            + " categories, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (node_id) do"
            + " update set name_zh = excluded.name_zh, name_en = excluded.name_en, region_code ="
            + " excluded.region_code, address = excluded.address, phone = excluded.phone, hours ="
            + " excluded.hours, categories = excluded.categories, updated_by = excluded.updated_by,"
            + " updated_at = now()",
        p.nodeId(),
        p.nameZh(),
        p.nameEn(),
        p.regionCode(),
        p.address(),
        p.phone(),
        p.hours(),
        p.categories().toArray(String[]::new),
        by);
    return find(p.nodeId()).orElseThrow();
  }

  public Optional<Profile> find(String nodeId) {
    return jdbc.first(
        "select * from bank_profile where node_id = ?", BankDirectory::profile, nodeId);
  }

  /**
   * @return every profile, by region code then bank
   */
  public List<Profile> all() {
    return jdbc.list(
        "select * from bank_profile order by region_code, node_id", BankDirectory::profile);
  }

  private static Profile profile(ResultSet rs) throws SQLException {
    Array categories = rs.getArray("categories");
    return new Profile(
        rs.getString("node_id"),
        rs.getString("name_zh"),
        rs.getString("name_en"),
        rs.getString("region_code"),
        rs.getString("address"),
        rs.getString("phone"),
        rs.getString("hours"),
        Arrays.asList((String[]) categories.getArray()),
        Jdbc.instant(rs, "updated_at"));
  }
}
