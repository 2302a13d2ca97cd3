package dev.outpost.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LoopbackBridgeTest {

  private ServerSocket echoNode;
  private Socket toNode;

  @BeforeEach
  void startEchoNode() throws IOException {
    echoNode = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread echo =
        new Thread(
            () -> {
              try (Socket peer = echoNode.accept()) {
                peer.getInputStream().transferTo(peer.getOutputStream());
              } catch (IOException closed) {
                // the test is over
              }
            });
    echo.setDaemon(true);
    echo.start();
    toNode = new Socket(InetAddress.getLoopbackAddress(), echoNode.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    toNode.close();
    echoNode.close();
  }

  @Test
  void splicesTheAdmittedConnectionToTheStream() throws IOException {
    try (LoopbackBridge bridge =
            LoopbackBridge.open(new SocketStream(toNode), Duration.ofSeconds(5));
        Socket client = new Socket(bridge.address().getAddress(), bridge.address().getPort())) {
      bridge.admit(client.getLocalSocketAddress());
      client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
      assertEquals(
          "ping", new String(client.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void dropsAConnectionFromAnyoneElse() throws IOException {
    try (LoopbackBridge bridge =
            LoopbackBridge.open(new SocketStream(toNode), Duration.ofSeconds(5));
        Socket intruder = new Socket(bridge.address().getAddress(), bridge.address().getPort())) {
      bridge.admit(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1));
      assertEquals(-1, intruder.getInputStream().read());
      String failure = bridge.awaitFailure(Duration.ofSeconds(5)).orElseThrow();
      assertTrue(failure.startsWith("refused a local connection"), failure);
      assertTrue(toNode.isClosed(), "the stream to the node is closed with the bridge");
    }
  }
}
