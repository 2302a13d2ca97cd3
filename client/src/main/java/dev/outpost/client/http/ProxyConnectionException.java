package dev.outpost.client.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * The proxy could not be reached or gave no usable answer: refused, unresolvable, TLS not trusted,
 * timed out. The message is one line naming the proxy address; retrying may help, unlike an {@link
 * ApiException}.
 */
public class ProxyConnectionException extends IOException {
  private static final long serialVersionUID = 1L;

  public ProxyConnectionException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Describes {@code failure} (from an HTTP request or a WebSocket dial) in one line naming the
   * proxy, since the JDK's own messages are often empty or name no address.
   */
  public static ProxyConnectionException of(ProxyAddress proxy, Throwable failure) {
    return new ProxyConnectionException(describe(proxy, failure), failure);
  }

  private static String describe(ProxyAddress proxy, Throwable failure) {
    if (find(failure, HttpConnectTimeoutException.class) != null) {
      return "proxy " + proxy + " did not accept the connection in time";
    }
    if (find(failure, HttpTimeoutException.class) != null
        || find(failure, SocketTimeoutException.class) != null) {
      return "proxy " + proxy + " did not answer in time";
    }
    if (find(failure, UnknownHostException.class) != null
        || find(failure, UnresolvedAddressException.class) != null) {
      return "cannot resolve proxy host " + proxy.host();
    }
    if (find(failure, ConnectException.class) != null) {
      return "cannot connect to proxy " + proxy + ": connection refused or unreachable";
    }
    CertificateException untrusted = find(failure, CertificateException.class);
    if (untrusted != null) {
      return "proxy " + proxy + " is not trusted: " + rootMessage(untrusted);
    }
    SSLException tls = find(failure, SSLException.class);
    if (tls != null) {
      return "TLS with proxy " + proxy + " failed: " + rootMessage(tls);
    }
    return "cannot talk to proxy " + proxy + ": " + firstMessage(failure);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The outermost message: callers such as the tunnel dialer put the step that failed there. */
  private static String firstMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return firstLine(t.getMessage());
      }
    }
    return failure.getClass().getSimpleName();
  }

  /** The innermost message: TLS exceptions wrap the one reason that matters several times. */
  private static String rootMessage(Throwable failure) {
    String message = failure.getClass().getSimpleName();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return firstLine(message);
  }

  private static String firstLine(String message) {
    return message.lines().findFirst().orElse(message);
  }
}
