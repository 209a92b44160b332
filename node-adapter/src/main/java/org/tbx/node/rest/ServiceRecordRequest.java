package org.tbx.node.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import org.tbx.protocol.FieldRules;

/**
 * One service a volunteer performed, as a bank submits it.
 *
 * @param volunteerId federation-wide volunteer id
 * @param serviceCategory catalogue code, e.g. {@code MEAL_ASSIST}
 * @param startedAt when the service began (ISO-8601 instant, not in the future)
 * @param minutes actual minutes served
 */
public record ServiceRecordRequest(
    @NotNull @Pattern(regexp = FieldRules.VOLUNTEER_ID, message = "must match " + FieldRules.VOLUNTEER_ID)
        String volunteerId,
    @NotNull @Pattern(regexp = FieldRules.SERVICE_CATEGORY, message = "must match " + FieldRules.SERVICE_CATEGORY)
        String serviceCategory,
    @NotNull @PastOrPresent Instant startedAt,
    @NotNull @Min(FieldRules.MIN_MINUTES) @Max(FieldRules.MAX_MINUTES) Integer minutes) {}
