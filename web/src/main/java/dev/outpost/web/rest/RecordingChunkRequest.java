package dev.outpost.web.rest;

import dev.outpost.api.CertificateProof;
import dev.outpost.api.RecordingChunk;
import dev.outpost.domain.shared.OutpostException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.UnaryOperator;

/**
 * A recording chunk as it arrives: the bytes as the body, the offset as a query parameter, the
 * node's proof and the checksum as headers. Whatever is missing, malformed or too large is refused
 * here, before anything is verified or stored; the body is never read past the largest chunk.
 */
final class RecordingChunkRequest {
  private RecordingChunkRequest() {}

  static RecordingChunk read(String offset, UnaryOperator<String> headers, InputStream body)
      throws IOException {
    CertificateProof proof = new CertificateProof(
        header(headers, RecordingChunk.CERTIFICATE_HEADER),
        header(headers, RecordingChunk.SIGNATURE_HEADER));
    long timestamp = number(RecordingChunk.TIMESTAMP_HEADER + " header",
        header(headers, RecordingChunk.TIMESTAMP_HEADER));
    if (offset == null || offset.isBlank()) {
      throw OutpostException.badRequest("the offset query parameter is required");
    }
    long at = number("offset", offset);
    String sha256 = header(headers, RecordingChunk.SHA256_HEADER);
    byte[] data = body == null ? new byte[0] : body.readNBytes(RecordingChunk.MAX_BYTES + 1);
    if (data.length > RecordingChunk.MAX_BYTES) {
      throw OutpostException.badRequest(
          "chunk is larger than " + RecordingChunk.MAX_BYTES + " bytes");
    }
    return new RecordingChunk(proof, timestamp, at, data, sha256);
  }

  private static String header(UnaryOperator<String> headers, String name) {
    String value = headers.apply(name);
    if (value == null || value.isBlank()) {
      throw OutpostException.badRequest("the " + name + " header is required");
    }
    return value.trim();
  }

  private static long number(String what, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw OutpostException.badRequest(what + " is not a whole number: " + value);
    }
  }
}
