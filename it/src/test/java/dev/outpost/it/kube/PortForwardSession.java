package dev.outpost.it.kube;

import dev.outpost.it.kube.spdy.SpdyFrame;
import dev.outpost.it.kube.spdy.SpdyFrameReader;
import dev.outpost.it.kube.spdy.SpdyFrameWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The API server's side of one {@code port-forward} connection ({@code portforward.k8s.io}, over
 * SPDY/3.1), as the kubelet serves it. For each local connection kubectl opens two streams with
 * the same {@code requestID} and {@code port}: an error stream ({@code streamType: error}), on
 * which the server reports a failure, then a data stream ({@code streamType: data}) joined here
 * to a TCP connection to that port in this network namespace. When the port's side ends, the
 * data stream and the error stream end (FIN) too. Pings are answered. Like the kubelet's
 * spdystream, it sends no WINDOW_UPDATE and keeps to no window: neither side enforces SPDY flow
 * control.
 */
final class PortForwardSession {
  private static final int BUFFER = 16 * 1024;
  private static final int RST_CANCEL = 5;

  private final SpdyFrameReader reader;
  private final SpdyFrameWriter writer;
  private final ExecutorService threads;
  private final Map<String, Integer> errorStreams = new ConcurrentHashMap<>();
  private final Map<Integer, Socket> dataStreams = new ConcurrentHashMap<>();

  PortForwardSession(SpdyFrameReader reader, SpdyFrameWriter writer, ExecutorService threads) {
    this.reader = reader;
    this.writer = writer;
    this.threads = threads;
  }

  /** Serves frames until kubectl goes away (end of stream or GOAWAY). */
  void run() throws IOException {
    try {
      SpdyFrame frame;
      while ((frame = reader.read()) != null && !(frame instanceof SpdyFrame.GoAway)) {
        if (frame instanceof SpdyFrame.SynStream syn) {
          opened(syn);
        } else if (frame instanceof SpdyFrame.Data data) {
          received(data);
        } else if (frame instanceof SpdyFrame.Ping ping) {
          writer.write(ping);
        } else if (frame instanceof SpdyFrame.RstStream rst) {
          close(dataStreams.remove(rst.streamId()));
        }
      }
    } finally {
      dataStreams.values().forEach(PortForwardSession::close);
    }
  }

  private void opened(SpdyFrame.SynStream syn) throws IOException {
    String type = syn.headers().getOrDefault("streamtype", "");
    String request = syn.headers().getOrDefault("requestid", "");
    String port = syn.headers().getOrDefault("port", "");
    System.out.println("PORTFORWARD stream " + syn.streamId() + " " + type + " port=" + port
        + " requestID=" + request);
    writer.write(new SpdyFrame.SynReply(syn.streamId(), false, Map.of()));
    if (type.equals("error")) {
      errorStreams.put(request, syn.streamId());
    } else if (type.equals("data")) {
      connect(syn.streamId(), request, port);
    } else {
      writer.write(new SpdyFrame.RstStream(syn.streamId(), RST_CANCEL));
    }
  }

  private void connect(int stream, String request, String port) throws IOException {
    Socket target;
    try {
      target = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port));
    } catch (IOException | NumberFormatException e) {
      fail(request, "error forwarding port " + port + " to pod: " + e.getMessage());
      writer.write(new SpdyFrame.Data(stream, true, new byte[0]));
      return;
    }
    dataStreams.put(stream, target);
    threads.execute(() -> copyBack(stream, request, target));
  }

  /** The port's bytes to kubectl, then the end of the data and error streams. */
  private void copyBack(int stream, String request, Socket target) {
    try {
      InputStream in = target.getInputStream();
      byte[] buffer = new byte[BUFFER];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        writer.write(new SpdyFrame.Data(stream, false, Arrays.copyOf(buffer, read)));
      }
      writer.write(new SpdyFrame.Data(stream, true, new byte[0]));
      fail(request, "");
    } catch (IOException e) {
      System.out.println("PORTFORWARD stream " + stream + " ended: " + e);
    } finally {
      close(dataStreams.remove(stream));
    }
  }

  private void received(SpdyFrame.Data data) throws IOException {
    Socket target = dataStreams.get(data.streamId());
    if (target == null) {
      return;
    }
    if (data.data().length > 0) {
      target.getOutputStream().write(data.data());
      target.getOutputStream().flush();
    }
    if (data.fin()) {
      target.shutdownOutput();
    }
  }

  /** Writes {@code message} (none when empty) on the request's error stream and ends it. */
  private void fail(String request, String message) throws IOException {
    Integer errors = errorStreams.remove(request);
    if (errors != null) {
      writer.write(new SpdyFrame.Data(errors, true, message.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static void close(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        System.out.println("PORTFORWARD close: " + e);
      }
    }
  }
}
