package org.tbx.hub.web;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Locale;

/**
 * The words and number formats of one language, for what a template cannot name itself: a message
 * chosen at run time (an indicator's name, a transfer code), numbers, hours and times.
 */
public final class Words {

  /** China's time zone: the pages show times as the banks' clerks and volunteers read them. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final Locale locale;
  private final Msg msg;

  Words(Locale locale) {
    this.locale = locale;
    this.msg =
        locale.getLanguage().equals("zh")
            ? MessageBundles.get(Msg.class, Localized.Literal.of("zh"))
            : MessageBundles.get(Msg.class);
  }

  public Locale locale() {
    return locale;
  }

  public boolean chinese() {
    return locale.getLanguage().equals("zh");
  }

  /**
   * @return the message of that key, e.g. {@code ind_minutes_deposited}; the key itself when the
   *     bundle has no such message
   */
  public String get(String key, Object... args) {
    Method m =
        Arrays.stream(Msg.class.getMethods())
            .filter(x -> x.getName().equals(key) && x.getParameterCount() == args.length)
            .findFirst()
            .orElse(null);
    if (m == null) {
      return key;
    }
    try {
      return (String) m.invoke(msg, args);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return key;
    }
  }

  /**
   * @return a whole number with the language's grouping
   */
  public String num(long n) {
    return NumberFormat.getIntegerInstance(locale).format(n);
  }

  /**
   * @return minutes as hours with one decimal, e.g. {@code 1,234.5}
   */
  public String hours(long minutes) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMinimumFractionDigits(1);
    f.setMaximumFractionDigits(1);
    return f.format(
        BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_EVEN));
  }

  /**
   * @return per mille as a percentage with one decimal, or "not comparable"
   */
  public String percent(Long permille) {
    if (permille == null) {
      return msg.not_comparable();
    }
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMinimumFractionDigits(1);
    f.setMaximumFractionDigits(1);
    return f.format(permille / 1000.0);
  }

  /**
   * @return a change in per mille with its sign, e.g. {@code +12.5%}
   */
  public String change(Long permille) {
    if (permille == null) {
      return msg.not_comparable();
    }
    return (permille > 0 ? "+" : "") + percent(permille);
  }

  /**
   * @return a moment in China's time, in the language's medium style
   */
  public String time(Instant at) {
    if (at == null) {
      return msg.none();
    }
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withLocale(locale)
        .withZone(ZONE)
        .format(at);
  }

  /**
   * @return a moment given in epoch milliseconds, as {@link #time(Instant)}
   */
  public String timeMillis(long epochMillis) {
    return time(Instant.ofEpochMilli(epochMillis));
  }
}
