package dev.outpost.web.rest;

import dev.outpost.application.OutpostException;

/** Checks shared by every resource that takes a body. */
final class Requests {
  private Requests() {}

  /** A missing body is a bad request with a clear message, not a NullPointerException later. */
  static <T> T required(T body) {
    if (body == null) {
      throw new OutpostException(OutpostException.Kind.BAD_REQUEST, "request body is required");
    }
    return body;
  }
}
