package dev.outpost.client.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.outpost.api.ErrorResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Calls the proxy's REST API ({@code /api/v1/...}) with the wire JSON dialect. Immutable and
 * thread-safe; {@link #withBearerToken} shares the underlying connection pool.
 *
 * <p>Every call either returns the decoded body, throws {@link ApiException} when the proxy
 * answered with an error (status and the proxy's one-line reason), or throws {@link
 * ProxyConnectionException} when there was no usable answer.
 */
public final class ApiClient {

  /** Long enough for a slow proxy under load, short enough that a script notices a dead one. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final ProxyAddress proxy;
  private final HttpClient http;
  private final Duration timeout;
  private final String bearerToken;

  public ApiClient(ProxyAddress proxy, SSLContext tls) {
    this(proxy, tls, DEFAULT_TIMEOUT);
  }

  public ApiClient(ProxyAddress proxy, SSLContext tls, Duration timeout) {
    this(
        proxy,
        HttpClient.newBuilder()
            .sslContext(Objects.requireNonNull(tls, "tls"))
            .connectTimeout(timeout)
            // Short request/response exchanges gain nothing from HTTP/2; HTTP/1.1 behaves like
            // curl.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        timeout,
        null);
  }

  private ApiClient(ProxyAddress proxy, HttpClient http, Duration timeout, String bearerToken) {
    this.proxy = Objects.requireNonNull(proxy, "proxy");
    this.http = http;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.bearerToken = bearerToken;
  }

  /** The same client and connection pool, each request given up after {@code requestTimeout}. */
  public ApiClient withTimeout(Duration requestTimeout) {
    return new ApiClient(proxy, http, requestTimeout, bearerToken);
  }

  /** The same client, authenticating each request with {@code Authorization: Bearer token}. */
  public ApiClient withBearerToken(String token) {
    return new ApiClient(proxy, http, timeout, Objects.requireNonNull(token, "token"));
  }

  public ProxyAddress proxy() {
    return proxy;
  }

  public <T> T get(String path, Class<T> type) throws ApiException, IOException {
    return decode(send(request(path).GET()), WireJson.mapper().constructType(type));
  }

  public <T> List<T> getList(String path, Class<T> elementType) throws ApiException, IOException {
    JavaType listType =
        WireJson.mapper().getTypeFactory().constructCollectionType(List.class, elementType);
    return decode(send(request(path).GET()), listType);
  }

  /** A non-JSON resource (a recording) exactly as the proxy sends it. */
  public byte[] getBytes(String path) throws ApiException, IOException {
    return send(request(path).setHeader("Accept", "*/*").GET());
  }

  public <T> T post(String path, Object body, Class<T> type) throws ApiException, IOException {
    return decode(send(postRequest(path, body)), WireJson.mapper().constructType(type));
  }

  /** Posts bytes as they are ({@code application/octet-stream}) with {@code headers}. */
  public <T> T postBytes(String path, Map<String, String> headers, byte[] body, Class<T> type)
      throws ApiException, IOException {
    HttpRequest.Builder request = request(path)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return decode(send(request), WireJson.mapper().constructType(type));
  }

  /** Posts and ignores the answer's body (for 204 answers such as logout). */
  public void post(String path, Object body) throws ApiException, IOException {
    send(postRequest(path, body));
  }

  /** Changes some fields of what {@code path} names; the answer is the whole of it. */
  public <T> T patch(String path, Object body, Class<T> type) throws ApiException, IOException {
    return decode(send(jsonRequest("PATCH", path, body)), WireJson.mapper().constructType(type));
  }

  /** Deletes what {@code path} names; the answer's body is ignored. */
  public void delete(String path) throws ApiException, IOException {
    send(request(path).DELETE());
  }

  private HttpRequest.Builder postRequest(String path, Object body) throws JsonProcessingException {
    return jsonRequest("POST", path, body);
  }

  private HttpRequest.Builder jsonRequest(String method, String path, Object body)
      throws JsonProcessingException {
    byte[] json = body == null ? new byte[0] : WireJson.mapper().writeValueAsBytes(body);
    return request(path)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(json));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(proxy.https(path))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (bearerToken != null) {
      builder.header("Authorization", "Bearer " + bearerToken);
    }
    return builder;
  }

  private byte[] send(HttpRequest.Builder request) throws ApiException, IOException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while calling proxy " + proxy);
    } catch (IOException e) {
      throw ProxyConnectionException.of(proxy, e);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new ApiException(status, errorLine(status, response.body()));
    }
    return response.body();
  }

  private <T> T decode(byte[] body, JavaType type) throws ProxyConnectionException {
    try {
      return WireJson.mapper().readValue(body, type);
    } catch (IOException e) {
      throw new ProxyConnectionException(
          "proxy " + proxy + " sent an answer that is not " + type.getRawClass().getSimpleName(),
          e);
    }
  }

  private String errorLine(int status, byte[] body) {
    try {
      ErrorResponse error = WireJson.mapper().readValue(body, ErrorResponse.class);
      if (error != null && error.error() != null && !error.error().isBlank()) {
        return error.error().strip().lines().findFirst().orElse("");
      }
    } catch (IOException notJson) {
      // A front proxy or the container's own error page: fall back to the status alone.
    }
    return "proxy " + proxy + " answered HTTP " + status;
  }
}
