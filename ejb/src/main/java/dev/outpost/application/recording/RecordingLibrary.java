package dev.outpost.application.recording;

import dev.outpost.api.RecordingView;
import dev.outpost.domain.recording.Recording;
import dev.outpost.domain.recording.RecordingId;
import dev.outpost.domain.recording.RecordingRepository;
import dev.outpost.domain.recording.RecordingStore;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.user.UserIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * Recordings as users see them, read-only: admins see all, everybody else their own sessions. An
 * id is a recording id or the id of the SSH session (its first recording).
 */
public final class RecordingLibrary {
  public static final int MAX_LIST = 500;

  private final RecordingRepository recordings;
  private final RecordingStore store;
  private final String cluster;

  public RecordingLibrary(RecordingRepository recordings, RecordingStore store, String cluster) {
    this.recordings = recordings;
    this.store = store;
    this.cluster = cluster;
  }

  public List<RecordingView> list(UserIdentity caller, int limit) {
    int bounded = Math.max(1, Math.min(limit, MAX_LIST));
    return recordings.latest(cluster, bounded).stream()
        .filter(recording -> mayWatch(caller, recording))
        .map(RecordingLibrary::view)
        .toList();
  }

  public RecordingView find(UserIdentity caller, String id) {
    return view(visible(caller, id));
  }

  /** The asciicast bytes exactly as stored. */
  public InputStream open(UserIdentity caller, String id) {
    Recording recording = visible(caller, id);
    try {
      return store.open(recording.id());
    } catch (IOException e) {
      throw OutpostException.notFound("recording " + recording.id() + " has no bytes yet");
    }
  }

  private Recording visible(UserIdentity caller, String rawId) {
    UUID id = RecordingId.parse(rawId);
    return recordings.find(id)
        .or(() -> recordings.bySession(id).stream().findFirst())
        .filter(found -> mayWatch(caller, found))
        .orElseThrow(() -> OutpostException.notFound("no recording " + id));
  }

  private static boolean mayWatch(UserIdentity caller, Recording recording) {
    return caller.hasRole(Role.ADMIN) || caller.user().equals(recording.user());
  }

  static RecordingView view(Recording recording) {
    return new RecordingView(recording.id(), recording.sessionId().orElse(null), recording.node(),
        recording.user(), recording.login(), recording.started(), recording.ended().orElse(null),
        recording.size(), recording.isComplete(), recording.sha256().orElse(null));
  }
}
