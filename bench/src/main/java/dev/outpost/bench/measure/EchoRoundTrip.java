package dev.outpost.bench.measure;

import dev.outpost.bench.setup.Program;
import dev.outpost.bench.setup.SshPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Interactive latency in one open session: {@code ssh node cat}, then one byte written and the
 * same byte read back, over and over, as a keystroke and its echo. In milliseconds.
 */
public final class EchoRoundTrip {
  private static final int WARM_UP = 100;

  private EchoRoundTrip() {}

  public static Samples measure(SshPath path, int count) {
    Process ssh = Program.piped(path.ssh("cat"));
    Program.drain(ssh.getErrorStream());
    List<Double> millis = new ArrayList<>();
    try (OutputStream out = ssh.getOutputStream(); InputStream in = ssh.getInputStream()) {
      for (int i = 0; i < WARM_UP + count; i++) {
        byte sent = (byte) ('a' + i % 26);
        long start = System.nanoTime();
        out.write(sent);
        out.flush();
        int echoed = in.read();
        long elapsed = System.nanoTime() - start;
        if (echoed != Byte.toUnsignedInt(sent)) {
          throw new IllegalStateException("echo of " + sent + " came back as " + echoed + " over " + path.name());
        }
        if (i >= WARM_UP) {
          millis.add(elapsed / 1e6);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      ssh.destroy();
    }
    return Samples.of(millis);
  }
}
