package dev.outpost.web.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.tunnel.http.HttpHead;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeStatusTest {

  @Test
  void aRefusalOnAStreamIsAWholeResponseWithAStatusObject() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    KubeStatus.write(out, 403, "access denied: none of alice@root's roles [dev] is mapped");
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    HttpHead head = HttpHead.read(in);
    assertEquals(403, head.status());
    assertEquals("HTTP/1.1 403 Forbidden", head.startLine());
    assertEquals("application/json", head.header("Content-Type").orElseThrow());
    byte[] body = in.readAllBytes();
    assertEquals(body.length, Integer.parseInt(head.header("Content-Length").orElseThrow()));
    JsonObject status = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))
        .readObject();
    assertEquals("Status", status.getString("kind"));
    assertEquals("Forbidden", status.getString("reason"));
    assertEquals(403, status.getInt("code"));
    assertTrue(status.getString("message").contains("alice@root"));
  }

  @Test
  void impersonationHeadersAreRefusedWhateverTheirCase() {
    assertNull(KubeExchange.impersonationRefused(List.of("Accept", "User-Agent")));
    String refused = KubeExchange.impersonationRefused(List.of("Accept", "impersonate-group"));
    assertTrue(refused.startsWith("header impersonate-group refused"), refused);
  }
}
