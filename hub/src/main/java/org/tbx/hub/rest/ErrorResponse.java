package org.tbx.hub.rest;

/**
 * The body of every error answer.
 *
 * @param error a short code, e.g. {@code NOT_FOUND}
 * @param message what went wrong, naming the field or rule
 */
public record ErrorResponse(String error, String message) {}
