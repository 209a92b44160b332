package org.tbx.kit.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.tbx.protocol.identity.VolunteerIds;

/**
 * A volunteer id or pseudonymous reference must not carry a national ID number: it would leave the
 * bank.
 */
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT,
  ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotIdentifying.Check.class)
public @interface NotIdentifying {

  String message() default
      "must not contain a national ID number: send the keyed-hash volunteer id (tv1-...) "
          + "or a pseudonymous reference; a national ID goes only in an enrollment's nationalId";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check. */
  class Check implements ConstraintValidator<NotIdentifying, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return !VolunteerIds.containsNationalId(value);
    }
  }
}
