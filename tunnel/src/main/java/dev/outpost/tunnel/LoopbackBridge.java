package dev.outpost.tunnel;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands a tunnel stream to a TCP client such as MINA SSHD's (used by the CLI and by the proxy's
 * browser terminals). MINA's client only connects through its
 * own socket connector and has no supported way to run a session over an arbitrary stream pair; a
 * listener on {@code 127.0.0.1:0} gives it a real socket while the bytes still only travel through
 * the tunnel.
 *
 * <p>The listener accepts exactly one connection and closes at once. Another local process could
 * still race to connect first, so the accepted connection is only spliced once the caller {@link
 * #admit admits} the address its own client connected from; any other is dropped.
 */
public final class LoopbackBridge implements AutoCloseable {

  private final ServerSocket listener;
  private final TunnelStream stream;
  private final Duration admissionTimeout;
  private final CompletableFuture<SocketAddress> admitted = new CompletableFuture<>();
  private volatile Socket accepted;
  private final CompletableFuture<String> failure = new CompletableFuture<>();

  private LoopbackBridge(ServerSocket listener, TunnelStream stream, Duration admissionTimeout) {
    this.listener = listener;
    this.stream = stream;
    this.admissionTimeout = admissionTimeout;
  }

  /** Listens on a free loopback port and splices the one admitted connection to {@code stream}. */
  public static LoopbackBridge open(TunnelStream stream, Duration admissionTimeout) throws IOException {
    LoopbackBridge bridge =
        new LoopbackBridge(
            new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), stream, admissionTimeout);
    Thread acceptor = new Thread(bridge::acceptOne, "loopback-bridge");
    acceptor.setDaemon(true);
    acceptor.start();
    return bridge;
  }

  /** Where the SSH client connects. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** Lets through the connection coming from {@code clientAddress}, the SSH client's own socket. */
  public void admit(SocketAddress clientAddress) {
    admitted.complete(clientAddress);
  }

  /** Why the bridge broke, if it did by now: the SSH client only sees its socket close. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure.getNow(null));
  }

  /**
   * As {@link #failure()}, waiting up to {@code timeout} for it: the SSH client may see its socket
   * close a moment before the splice has put the stream's reset reason into words.
   */
  public Optional<String> awaitFailure(Duration timeout) {
    try {
      return Optional.of(failure.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void acceptOne() {
    try (ServerSocket onlyOnce = listener) {
      accepted = onlyOnce.accept();
    } catch (IOException e) {
      fail(e);
      return;
    }
    try {
      SocketAddress expected = admitted.get(admissionTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!expected.equals(accepted.getRemoteSocketAddress())) {
        throw new IOException(
            "refused a local connection from " + accepted.getRemoteSocketAddress());
      }
      // Keystrokes and their echoes are single small SSH packets: Nagle must not hold them back
      // waiting for the peer's delayed ACK.
      accepted.setTcpNoDelay(true);
      Splice.start(Splice.Side.of(accepted), Splice.Side.of(stream))
          .exceptionally(
              error -> {
                fail(error instanceof CompletionException ? error.getCause() : error);
                return null;
              });
    } catch (IOException | ExecutionException | TimeoutException e) {
      fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    }
  }

  private void fail(Throwable error) {
    failure.complete(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    close();
  }

  @Override
  public void close() {
    stream.close();
    closeQuietly(accepted);
    closeQuietly(listener);
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException ignored) {
      // best effort: the stream, which matters, is closed already
    }
  }
}
