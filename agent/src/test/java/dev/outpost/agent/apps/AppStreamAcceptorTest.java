package dev.outpost.agent.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.StreamRefusedException;
import dev.outpost.tunnel.http.HttpHead;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppStreamAcceptorTest {
  private static final AppSpec APP = AppSpec.parse("web=http://127.0.0.1:8080");

  @Test
  void refusesAppsItDoesNotPublish() {
    AppStreamAcceptor acceptor = new AppStreamAcceptor(List.of(APP));
    StreamRefusedException e = assertThrows(StreamRefusedException.class,
        () -> acceptor.accept("app?name=other&user=alice"));
    assertTrue(e.getMessage().contains("no app 'other'"), e.getMessage());
  }

  @Test
  void setsTheUpstreamsOwnHost() throws IOException {
    HttpHead request = new HttpHead("GET /x?y HTTP/1.1", List.of(
        new HttpHead.Header("Host", "evil.example"), new HttpHead.Header("host", "127.0.0.1:22")));
    HttpHead guarded = AppStreamAcceptor.guarded(request, APP);
    assertEquals(List.of(new HttpHead.Header("Host", "127.0.0.1:8080")), guarded.headers());
    assertEquals("GET /x?y HTTP/1.1", guarded.startLine());
  }

  @Test
  void refusesTargetsNamingAHost() {
    HttpHead absolute = new HttpHead("GET http://127.0.0.1:22/ HTTP/1.1", List.of());
    assertThrows(IOException.class, () -> AppStreamAcceptor.guarded(absolute, APP));
  }
}
