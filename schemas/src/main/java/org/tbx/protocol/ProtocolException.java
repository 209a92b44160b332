package org.tbx.protocol;

import java.util.Objects;

/** Bytes that are not a valid protocol message, with the reason code the hub reports for them. */
public class ProtocolException extends Exception {

  private final RejectionReason reason;

  public ProtocolException(RejectionReason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public ProtocolException(RejectionReason reason, String detail) {
    this(reason, detail, null);
  }

  public RejectionReason reason() {
    return reason;
  }
}
