package dev.outpost.agent.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A session's process as the SSH channel sees it: three byte streams, a size and an exit code. */
interface ChildProcess {

  /** Starts {@code launch} with a pseudo-terminal of the given size, or with pipes. */
  static ChildProcess start(Launch launch, TerminalSize terminal) throws IOException {
    return terminal == null ? PipeChildProcess.start(launch) : PtyChildProcess.start(launch, terminal);
  }

  OutputStream stdin();

  InputStream stdout();

  /** Separate standard error, or {@code null} when it shares the terminal with stdout. */
  InputStream stderr();

  /** Whether stdin is a terminal: then the client's EOF is not passed on by closing it. */
  boolean hasTerminal();

  void resize(TerminalSize size);

  /** Waits for the exit; a process killed by signal N reports 128 + N, as a shell would. */
  int waitFor() throws InterruptedException;

  /** Ends the process (hang-up for a terminal, SIGTERM for pipes) and releases its streams. */
  void terminate();
}
