package org.tbx.protocol.rules;

import java.util.Optional;

/**
 * One entry of the national service catalogue.
 *
 * @param code stable code, e.g. {@code MEAL_ASSIST}
 * @param nameZh Chinese name
 * @param nameEn English name
 * @param weightPermille credited minutes per 1000 actual minutes (1000 = one for one)
 * @param requiredCertification certification code a volunteer must hold, or null
 * @param requiresInsurance whether accident insurance must be registered
 */
public record ServiceCategory(
    String code,
    String nameZh,
    String nameEn,
    int weightPermille,
    String requiredCertification,
    boolean requiresInsurance) {

  public Optional<String> certification() {
    return Optional.ofNullable(requiredCertification);
  }
}
