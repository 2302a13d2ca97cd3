package dev.outpost.agent.recording;

import dev.outpost.api.NodeEvents;
import dev.outpost.api.RecordingChunk;
import dev.outpost.api.RecordingComplete;
import dev.outpost.api.RecordingOpen;
import dev.outpost.api.RecordingStatus;
import dev.outpost.client.http.ApiClient;
import java.util.Map;

/** The proxy's upload calls; REST in production, an in-memory proxy in tests. */
public interface UploadEndpoint {
  String RECORDINGS = "/api/v1/agent/recordings/";

  RecordingStatus open(String id, RecordingOpen request) throws Exception;

  RecordingStatus append(String id, RecordingChunk chunk) throws Exception;

  RecordingStatus complete(String id, RecordingComplete request) throws Exception;

  void events(NodeEvents batch) throws Exception;

  static UploadEndpoint of(ApiClient api) {
    return new UploadEndpoint() {
      @Override
      public RecordingStatus open(String id, RecordingOpen request) throws Exception {
        return api.post(RECORDINGS + id, request, RecordingStatus.class);
      }

      @Override
      public RecordingStatus append(String id, RecordingChunk chunk) throws Exception {
        return api.postBytes(RECORDINGS + id + "/chunks?offset=" + chunk.offset(), Map.of(
                RecordingChunk.CERTIFICATE_HEADER, chunk.proof().certificate(),
                RecordingChunk.SIGNATURE_HEADER, chunk.proof().signature(),
                RecordingChunk.TIMESTAMP_HEADER, Long.toString(chunk.timestamp()),
                RecordingChunk.SHA256_HEADER, chunk.sha256()),
            chunk.data(), RecordingStatus.class);
      }

      @Override
      public RecordingStatus complete(String id, RecordingComplete request) throws Exception {
        return api.post(RECORDINGS + id + "/complete", request, RecordingStatus.class);
      }

      @Override
      public void events(NodeEvents batch) throws Exception {
        api.post("/api/v1/agent/events", batch, Map.class);
      }
    };
  }
}
