package dev.outpost.agent.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BestEffortRecorderTest {

  @Test
  void aRecordingThatFailsMidwayStopsOnceAndNeverFailsTheSession() {
    List<String> recorded = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    TerminalRecorder diskFillsUp = new TerminalRecorder() {
      @Override
      public void output(byte[] data, int offset, int length) throws IOException {
        if (recorded.size() == 1) {
          throw new IOException("No space left on device");
        }
        recorded.add(new String(data, offset, length));
      }

      @Override
      public void resize(TerminalSize size) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void close() {}
    };
    BestEffortRecorder recorder = new BestEffortRecorder(diskFillsUp, e -> failures.add(e.getMessage()));

    recorder.output("one".getBytes(), 0, 3);
    recorder.output("two".getBytes(), 0, 3);
    recorder.resize(new TerminalSize(80, 24));
    recorder.output("three".getBytes(), 0, 5);

    assertEquals(List.of("one"), recorded);
    assertEquals(List.of("No space left on device"), failures);
  }
}
