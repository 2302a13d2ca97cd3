package dev.outpost.application.recording;

import dev.outpost.domain.recording.Recording;
import dev.outpost.domain.recording.RecordingRepository;
import dev.outpost.domain.recording.RecordingStore;
import dev.outpost.domain.recording.RecordingStore.OffsetMismatchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;

/**
 * Recordings the proxy writes itself ({@code kubectl exec} sessions, which only the proxy sees
 * whole): the same rows and append-only store as the ones nodes upload, so listing, export,
 * playback and retention treat both alike. The proxy is the only writer of these, so the stored
 * size is where the next bytes go and the whole is confirmed from what is stored.
 */
public final class ProxyRecordings {
  private final RecordingRepository recordings;
  private final RecordingStore store;
  private final String cluster;
  private final Clock clock;

  public ProxyRecordings(RecordingRepository recordings, RecordingStore store, String cluster,
      Clock clock) {
    this.recordings = recordings;
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
  }

  /**
   * A new recording of session {@code sessionId} of {@code user} through {@code node}'s agent,
   * where {@code login} is whom the session acts as.
   */
  public UUID open(String node, UUID sessionId, String user, String login) {
    UUID id = UUID.randomUUID();
    recordings.add(new Recording(id, cluster, node, sessionId, user, login, clock.instant()));
    return id;
  }

  /** Appends {@code data} where the stored bytes of {@code id} end, while it is not complete. */
  public void append(UUID id, byte[] data) {
    recording(id).requireOpen();
    try {
      store.append(id, store.size(id), data);
    } catch (OffsetMismatchException e) {
      throw new IllegalStateException("recording " + id + " has a second writer", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store recording " + id, e);
    }
  }

  /** The session ended: the stored bytes are the whole recording. */
  public void complete(UUID id) {
    Recording recording = recording(id);
    try {
      recording.completed(store.size(id), store.sha256(id), clock.instant(), clock.instant());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read recording " + id, e);
    }
  }

  private Recording recording(UUID id) {
    return recordings.find(id).orElseThrow(() -> new IllegalStateException(
        "recording " + id + " was never opened"));
  }
}
