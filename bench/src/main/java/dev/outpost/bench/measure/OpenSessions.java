package dev.outpost.bench.measure;

import dev.outpost.bench.setup.Program;
import dev.outpost.bench.setup.SshPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle SSH sessions held open at once ({@code ssh node sleep 60}), each counted only once the
 * node has started its command, so that a measurement taken meanwhile sees them all established.
 */
public final class OpenSessions implements AutoCloseable {
  private static final String READY = "ready";

  private final List<Process> sessions;

  private OpenSessions(List<Process> sessions) {
    this.sessions = sessions;
  }

  public static OpenSessions open(SshPath path, int count) {
    List<Process> sessions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Process ssh = Program.piped(path.ssh("echo " + READY + "; exec sleep 60"));
      Program.drain(ssh.getErrorStream());
      sessions.add(ssh);
    }
    OpenSessions open = new OpenSessions(sessions);
    sessions.forEach(OpenSessions::awaitReady);
    return open;
  }

  @Override
  public void close() {
    sessions.forEach(Process::destroy);
  }

  private static void awaitReady(Process ssh) {
    BufferedReader out = new BufferedReader(new InputStreamReader(ssh.getInputStream(), StandardCharsets.UTF_8));
    try {
      String line = out.readLine();
      if (!READY.equals(line)) {
        throw new IllegalStateException("an idle session did not start: " + line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
