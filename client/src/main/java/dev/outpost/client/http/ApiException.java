package dev.outpost.client.http;

/**
 * The proxy answered, with a non-2xx status. The message is the proxy's own one-line reason (its
 * {@code ErrorResponse.error}), ready to show to a user.
 */
public class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiException(int status, String error) {
    super(error);
    this.status = status;
  }

  /** The HTTP status: 400 malformed, 401 not authenticated, 403 denied, 404, 409, 429. */
  public int status() {
    return status;
  }
}
