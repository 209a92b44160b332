package org.tbx.node.rest;

/** The caller's token is valid but may not do or read this; answered with 403 saying why. */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }
}
