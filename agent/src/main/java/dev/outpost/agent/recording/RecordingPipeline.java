package dev.outpost.agent.recording;

import dev.outpost.agent.identity.CurrentIdentity;
import dev.outpost.agent.ssh.SessionObserver;
import dev.outpost.client.http.ApiClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The node's recording and audit delivery, assembled: spools under the data directory and one
 * upload thread that passes over the spools every
 * {@link #UPLOAD_INTERVAL} and at once when a session ends.
 */
public final class RecordingPipeline implements AutoCloseable {
  static final Duration UPLOAD_INTERVAL = Duration.ofSeconds(2);
  /** Short, so that a request stuck on a cut link is retried soon after the link returns. */
  static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(10);
  private static final Logger LOG = Logger.getLogger(RecordingPipeline.class.getName());

  private final ScheduledExecutorService uploadThread;
  private final NodeRecorder recorder;

  private RecordingPipeline(ScheduledExecutorService uploadThread, NodeRecorder recorder) {
    this.uploadThread = uploadThread;
    this.recorder = recorder;
  }

  public static RecordingPipeline start(Path dataDirectory, ApiClient api,
      CurrentIdentity identity, Clock clock) throws IOException {
    RecordingSpool recordings = new RecordingSpool(dataDirectory.resolve("recordings"));
    int interrupted = recordings.endInterrupted();
    if (interrupted > 0) {
      LOG.info(() -> interrupted + " recordings of sessions that ended with the last run are uploaded now");
    }
    EventSpool events = new EventSpool(dataDirectory.resolve("events"));
    SpoolUploader uploader = new SpoolUploader(recordings, events,
        UploadEndpoint.of(api.withTimeout(UPLOAD_TIMEOUT)),
        new NodeRequestSigner(identity, clock));
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread upload = new Thread(task, "outpost-upload");
      upload.setDaemon(true);
      return upload;
    });
    thread.scheduleWithFixedDelay(uploader, 0, UPLOAD_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    Runnable uploadNow = () -> {
      try {
        thread.execute(uploader);
      } catch (RejectedExecutionException stopping) {
        // the agent is stopping; the spool is uploaded after its next start
      }
    };
    return new RecordingPipeline(thread, new NodeRecorder(recordings, events, clock, uploadNow));
  }

  public SessionObserver observer() {
    return recorder;
  }

  @Override
  public void close() {
    uploadThread.shutdownNow();
  }
}
