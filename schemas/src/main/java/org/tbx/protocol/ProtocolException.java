package org.tbx.protocol;

import java.util.Objects;
import org.tbx.protocol.v1.ReasonCode;

/** Bytes or an event that break the protocol, with the reason code the hub reports for them. */
public class ProtocolException extends Exception {

  private final ReasonCode reason;

  public ProtocolException(ReasonCode reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public ProtocolException(ReasonCode reason, String detail) {
    this(reason, detail, null);
  }

  public ReasonCode reason() {
    return reason;
  }
}
