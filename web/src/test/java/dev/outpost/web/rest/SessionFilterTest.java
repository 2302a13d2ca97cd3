package dev.outpost.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outpost.application.AuthService;
import dev.outpost.domain.user.UserIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which credential the one authentication point of the REST resources takes, and how. (The 401
 * without any credential builds a JAX-RS response, which needs the container: see the ITs.)
 */
class SessionFilterTest {
  private static final String COOKIE = "theme=dark; __Host-outpost-session=console-token";

  private final SessionFilter filter = new SessionFilter();
  private final List<String> calls = new ArrayList<>();

  SessionFilterTest() {
    filter.auth = new AuthService() {
      @Override
      public UserIdentity authenticate(String sessionToken) {
        return identity("bearer " + sessionToken);
      }

      @Override
      public UserIdentity consoleReader(String sessionToken) {
        return identity("reader " + sessionToken);
      }

      @Override
      public UserIdentity consoleWriter(String sessionToken, String csrfToken) {
        return identity("writer " + sessionToken + " csrf " + csrfToken);
      }
    };
  }

  @Test
  void bearerSessionWinsOverACookie() {
    Request request = new Request("POST", Map.of("Authorization", "Bearer cli-token", "Cookie", COOKIE));
    filter.filter(request.context());
    assertEquals(List.of("bearer cli-token"), calls);
  }

  @Test
  void consoleCookieReadsWithoutCsrfToken() {
    for (String method : List.of("GET", "HEAD")) {
      calls.clear();
      Request request = new Request(method, Map.of("Cookie", COOKIE));
      filter.filter(request.context());
      assertEquals(List.of("reader console-token"), calls);
      assertEquals("reader console-token", SessionFilter.caller(request.context()).user());
    }
  }

  @Test
  void consoleCookieChangesOnlyWithTheSessionsCsrfCheck() {
    for (String method : List.of("POST", "DELETE", "PUT")) {
      calls.clear();
      filter.filter(new Request(method, Map.of("Cookie", COOKIE, "X-CSRF-Token", "t")).context());
      assertEquals(List.of("writer console-token csrf t"), calls, method);
    }
    calls.clear();
    filter.filter(new Request("DELETE", Map.of("Cookie", COOKIE)).context());
    assertEquals(List.of("writer console-token csrf null"), calls, "a missing token is the service's refusal");
  }

  private UserIdentity identity(String call) {
    calls.add(call);
    return new UserIdentity(call, Set.of(), List.of(), Instant.EPOCH);
  }

  /** The parts of a request context the filter uses. */
  private static final class Request {
    final String method;
    final Map<String, String> headers;
    final Map<String, Object> properties = new HashMap<>();
    private final ContainerRequestContext context;

    Request(String method, Map<String, String> headers) {
      this.method = method;
      this.headers = headers;
      context = (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ContainerRequestContext.class}, (proxy, called, args) -> switch (called.getName()) {
            case "getMethod" -> this.method;
            case "getHeaderString" -> this.headers.get((String) args[0]);
            case "setProperty" -> properties.put((String) args[0], args[1]);
            case "getProperty" -> properties.get((String) args[0]);
            default -> throw new UnsupportedOperationException(called.getName());
          });
    }

    ContainerRequestContext context() {
      return context;
    }
  }
}
