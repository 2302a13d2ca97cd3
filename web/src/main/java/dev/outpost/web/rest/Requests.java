package dev.outpost.web.rest;

import dev.outpost.domain.shared.OutpostException;

/** Checks shared by every resource that takes a body. */
final class Requests {
  private Requests() {}

  /** A missing body is a bad request with a clear message, not a NullPointerException later. */
  static <T> T required(T body) {
    if (body == null) {
      throw OutpostException.badRequest("request body is required");
    }
    return body;
  }
}
