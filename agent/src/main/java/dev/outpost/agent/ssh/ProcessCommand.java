package dev.outpost.agent.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Runs one session process (shell, command or subsystem program) as the SSH login and connects it
 * to the channel: stdin, stdout and stderr are copied by threads of their own in large chunks, the
 * client's EOF closes the process's stdin, and the exit status (or signal) is reported only after
 * all output has been sent.
 */
final class ProcessCommand implements Command {
  private static final Logger LOG = Logger.getLogger(ProcessCommand.class.getName());
  private static final int CHUNK = 64 * 1024;
  /**
   * A terminal never delivers more than its line discipline's buffer (4 KiB) per read, and pty4j
   * allocates a fresh array of the requested size on every read: a larger request only makes
   * garbage (64 KiB per echoed keystroke, a young collection every few hundred keystrokes).
   */
  private static final int TERMINAL_CHUNK = 4 * 1024;
  /** The node-side audit event of a terminal the node could not record. */
  private static final String RECORDING_FAILURE = "recording.failure";

  /** Which process to start for a login; throws when the login may not have one. */
  @FunctionalInterface
  interface LaunchPlan {
    Launch launch(String login, Map<String, String> clientEnvironment)
        throws LoginRefusedException, IOException;
  }

  private final String kind;
  private final String auditType;
  private final String auditTarget;
  private final LaunchPlan plan;
  private final SessionObserver observer;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exitCallback;
  private volatile ChildProcess child;
  private volatile ClientIdleWatch idle;

  /**
   * @param kind what runs ("shell", "exec", "sftp"), for thread names and logs
   * @param auditType the audit event this process ends with ({@code exec}, {@code scp},
   *     {@code sftp}), or null for none
   * @param auditTarget the command line or program, for that event
   * @param observer records terminal sessions and takes the audit event
   */
  ProcessCommand(String kind, String auditType, String auditTarget, LaunchPlan plan,
      SessionObserver observer) {
    this.kind = kind;
    this.auditType = auditType;
    this.auditTarget = auditTarget;
    this.plan = plan;
    this.observer = observer;
  }

  /**
   * A command that only tells the client {@code reason}, exits with status 1 and ends with a failed
   * {@code auditType} event.
   */
  static ProcessCommand refused(String kind, String auditType, String auditTarget, String reason,
      SessionObserver observer) {
    return new ProcessCommand(kind, auditType, auditTarget,
        (login, environment) -> {
          throw new LoginRefusedException(reason);
        },
        observer);
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exitCallback = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment environment) {
    String login = channel.getSession().getUsername();
    TerminalSize terminal = SessionChannel.hasTerminal(channel) ? TerminalSize.of(environment) : null;
    TerminalRecorder recorder = TerminalRecorder.NONE;
    try {
      Launch launch = plan.launch(login, environment.getEnv());
      // recording starts before the process does: a session that cannot be recorded never runs
      recorder = terminal == null ? TerminalRecorder.NONE : record(channel, terminal);
      child = ChildProcess.start(launch, terminal);
    } catch (LoginRefusedException | IOException e) {
      LOG.info(() -> kind + " for login " + login + " refused: " + e.getMessage());
      closeRecorder(recorder);
      audit(channel, false, e.getMessage());
      thread("refuse", () -> refuse(channel, e.getMessage()));
      return;
    }
    LOG.fine(() -> kind + " started for login " + login);
    ChildProcess process = child;
    TerminalRecorder recording = recorder;
    if (process.hasTerminal()) {
      environment.addSignalListener(
          (ignored, signal) -> resize(process, recording, TerminalSize.of(environment)), Signal.WINCH);
    }
    idle = ClientIdleWatch.start(channel.getSession(), () -> endIdle(channel, process));
    thread("stdin", () -> copyInput(process));
    Thread stderr = process.stderr() == null ? null : thread("stderr", () -> copy(process.stderr(), err));
    thread("stdout", () -> copyOutputAndExit(channel, process, stderr, recording));
  }

  @Override
  public void destroy(ChannelSession channel) {
    ChildProcess process = child;
    if (process != null) {
      process.terminate();
    }
  }

  private void copyOutputAndExit(
      ChannelSession channel, ChildProcess process, Thread stderr, TerminalRecorder recorder) {
    copy(process.stdout(), recorder == TerminalRecorder.NONE ? out : new RecordedOutput(out, recorder, process),
        process.hasTerminal() ? TERMINAL_CHUNK : CHUNK, () -> {});
    idle.stop();
    closeRecorder(recorder);
    try {
      if (stderr != null) {
        stderr.join();
      }
      int status = process.waitFor();
      // an interactive shell exits with its last command's status, 130 after a Ctrl-C: no signal
      if (!process.hasTerminal()) {
        ExitSignals.fromExitCode(status).ifPresent(signal -> SessionChannel.reportSignal(channel, signal));
      }
      audit(channel, status == 0, "exit status " + status);
      exitCallback.onExit(status);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.terminate();
    }
  }

  /**
   * Starts the terminal's recording. When the node cannot record, the session is refused, unless
   * the certificate says {@code record_session: best-effort}: then it runs unrecorded. Either way
   * the node audits it.
   */
  private TerminalRecorder record(ChannelSession channel, TerminalSize terminal) throws IOException {
    boolean bestEffort = SessionPermissions.recordingBestEffort(channel.getSession());
    TerminalRecorder recording;
    try {
      recording = observer.recordTerminal(channel, terminal);
    } catch (IOException e) {
      recordingFailed(channel, bestEffort ? "running unrecorded (record_session: best-effort): "
          : "session refused: ", e);
      if (bestEffort) {
        return TerminalRecorder.NONE;
      }
      throw e;
    }
    return bestEffort ? new BestEffortRecorder(recording,
        e -> recordingFailed(channel, "recording stopped, session goes on (record_session: best-effort): ", e))
        : recording;
  }

  private void recordingFailed(ChannelSession channel, String outcome, IOException cause) {
    LOG.warning(() -> "cannot record a " + kind + ": " + outcome + cause.getMessage());
    observer.event(channel.getSession(), RECORDING_FAILURE, kind, false, outcome + cause.getMessage());
  }

  /** The client sent nothing for its roles' {@code client_idle_timeout}: tell it, end the process. */
  private void endIdle(ChannelSession channel, ChildProcess process) {
    String timeout = SessionPermissions.clientIdleTimeout(channel.getSession())
        .map(duration -> duration.toSeconds() + " s").orElse("the idle timeout");
    LOG.info(() -> kind + " of login " + channel.getSession().getUsername()
        + " ended: no input for " + timeout);
    try {
      err.write(("\r\noutpost-agent: no input for " + timeout
          + " (client_idle_timeout of your roles): session ended\r\n").getBytes(StandardCharsets.UTF_8));
      err.flush();
    } catch (IOException e) {
      LOG.log(Level.FINE, "client gone before the idle notice was sent", e);
    }
    process.terminate();
  }

  /** A resize the recording cannot keep ends the session: nothing runs unrecorded. */
  private static void resize(ChildProcess process, TerminalRecorder recorder, TerminalSize size) {
    try {
      recorder.resize(size);
      process.resize(size);
    } catch (IOException e) {
      LOG.warning(() -> "recording failed, ending the session: " + e.getMessage());
      process.terminate();
    }
  }

  private void audit(ChannelSession channel, boolean success, String reason) {
    if (auditType != null) {
      observer.event(channel.getSession(), auditType, auditTarget, success, reason);
    }
  }

  private static void closeRecorder(TerminalRecorder recorder) {
    try {
      recorder.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "the end of a recording could not be written", e);
    }
  }

  private void copyInput(ChildProcess process) {
    copy(in, process.stdin(), CHUNK, idle::inputArrived);
    if (!process.hasTerminal()) {
      // the client's EOF: a pipe reader (cat, scp -t) must see end of input; a terminal has none
      closeQuietly(process.stdin());
    }
  }

  private void refuse(ChannelSession channel, String reason) {
    try {
      err.write(("outpost-agent: " + reason + "\r\n").getBytes(StandardCharsets.UTF_8));
      err.flush();
    } catch (IOException e) {
      LOG.log(Level.FINE, "client gone before the refusal was sent", e);
    }
    exitCallback.onExit(1, reason);
  }

  /** Copies until EOF or until either side fails (the process exited, the client left). */
  private static void copy(InputStream from, OutputStream to) {
    copy(from, to, CHUNK, () -> {});
  }

  private static void copy(InputStream from, OutputStream to, int chunk, Runnable received) {
    byte[] buffer = new byte[chunk];
    try {
      for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
        received.run();
        to.write(buffer, 0, n);
        if (from.available() == 0) {
          // Input already waiting joins the same SSH packet: MINA allocates a buffer per flush.
          to.flush();
        }
      }
    } catch (IOException e) {
      LOG.log(Level.FINEST, "stream copy ended", e);
    }
  }

  private Thread thread(String stream, Runnable body) {
    Thread thread = new Thread(body, "ssh-" + kind + "-" + stream);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      LOG.log(Level.FINEST, "stdin already closed", e);
    }
  }
}
