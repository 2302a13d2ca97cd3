package dev.outpost.web.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outpost.api.RecordingChunk;
import dev.outpost.domain.shared.OutpostException;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A chunk's parts from the query, the headers and the body; anything missing or too big refused. */
class RecordingChunkRequestTest {
  private static final byte[] DATA = {1, 2, 3};

  private final Map<String, String> headers = new HashMap<>(Map.of(
      RecordingChunk.CERTIFICATE_HEADER, "ssh-ed25519-cert-v01@openssh.com AAAA node-1",
      RecordingChunk.SIGNATURE_HEADER, "c2ln",
      RecordingChunk.TIMESTAMP_HEADER, "1767225600",
      RecordingChunk.SHA256_HEADER, "ab".repeat(32)));

  @Test
  void readsTheChunkFromQueryHeadersAndBody() throws Exception {
    RecordingChunk chunk = read("4096", DATA);

    assertEquals(4096, chunk.offset());
    assertEquals(1767225600, chunk.timestamp());
    assertEquals("ssh-ed25519-cert-v01@openssh.com AAAA node-1", chunk.proof().certificate());
    assertEquals("c2ln", chunk.proof().signature());
    assertEquals("ab".repeat(32), chunk.sha256());
    assertArrayEquals(DATA, chunk.data());
  }

  @Test
  void refusesMissingPartsByName() {
    assertRefused("the offset query parameter is required", null, DATA);
    assertRefused("offset is not a whole number: 1e3", "1e3", DATA);
    headers.remove(RecordingChunk.SIGNATURE_HEADER);
    assertRefused("the Outpost-Node-Signature header is required", "0", DATA);
    headers.put(RecordingChunk.SIGNATURE_HEADER, "c2ln");
    headers.put(RecordingChunk.TIMESTAMP_HEADER, "yesterday");
    assertRefused("Outpost-Node-Timestamp header is not a whole number: yesterday", "0", DATA);
  }

  @Test
  void refusesABodyLargerThanTheLargestChunk() {
    assertRefused("chunk is larger than " + RecordingChunk.MAX_BYTES + " bytes", "0",
        new byte[RecordingChunk.MAX_BYTES + 1]);
  }

  private RecordingChunk read(String offset, byte[] body) throws Exception {
    return RecordingChunkRequest.read(offset, headers::get, new ByteArrayInputStream(body));
  }

  private void assertRefused(String message, String offset, byte[] body) {
    OutpostException refused = assertThrows(OutpostException.class, () -> read(offset, body));
    assertEquals(OutpostException.Kind.BAD_REQUEST, refused.kind());
    assertEquals(message, refused.getMessage());
  }
}
