package org.tbx.hub.web;

/**
 * A page that cannot be shown, with the HTTP status that fits and the message (a method of {@link
 * Msg}) that tells the person what happened, in their language.
 */
public class PageException extends RuntimeException {

  private final int status;
  private final String messageKey;
  private final transient Object[] args;

  public PageException(int status, String messageKey, Object... args) {
    super(messageKey);
    this.status = status;
    this.messageKey = messageKey;
    this.args = args;
  }

  public int status() {
    return status;
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] args() {
    return args;
  }
}
