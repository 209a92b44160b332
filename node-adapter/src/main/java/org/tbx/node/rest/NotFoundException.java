package org.tbx.node.rest;

/** Something the caller named does not exist here; answered with 404 naming it. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
