package dev.outpost.web.upgrade;

import dev.outpost.tunnel.TunnelStream;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An upgrade the far side accepted (an app's WebSocket, a Kubernetes API server's exec, attach or
 * port-forward stream): after the 101 the client's connection and the tunnel stream carry bytes
 * both ways, unchanged; the proxy does not look into the upgraded protocol's frames.
 *
 * <p>The upgraded connection is driven with the Servlet API's non-blocking I/O, as the container's
 * own WebSocket implementation does: client bytes arrive in {@link ReadListener} callbacks and go
 * to the stream; the far side's bytes are read from the stream on a thread of their own and
 * written only while the connection {@link ServletOutputStream#isReady is ready}, so a slow client
 * slows the far side (through the stream's flow control) rather than filling the proxy's memory.
 *
 * <p>Use: {@code request.upgrade(SplicedUpgrade.class).attach(stream, in)}, then set the 101's
 * status and headers and flush them; that order (the one of the container's own WebSocket filter)
 * is what Payara's Grizzly sends correctly, and the client speaks only after the 101.
 *
 * <p>A {@link Tap} may {@link #observe observe} the bytes of both directions (the Kubernetes proxy
 * records {@code kubectl exec} sessions so): the far side's before they are passed to the client,
 * so that it has seen all of them when the client ends the session, the client's after they were
 * passed on. It only reads them; nothing it does or throws changes the splice.
 */
public class SplicedUpgrade implements HttpUpgradeHandler {
  private static final Logger LOG = Logger.getLogger(SplicedUpgrade.class.getName());
  private static final int BUFFER = 16 * 1024;
  private static final long READY_POLL_MILLIS = 1000;
  private static final ExecutorService PUMPS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "upgraded-splice");
    thread.setDaemon(true);
    return thread;
  });

  private final Object writable = new Object();
  private TunnelStream stream;
  private InputStream fromFar;
  private WebConnection connection;
  private volatile Tap tap = Tap.NONE;
  private final AtomicBoolean ended = new AtomicBoolean();

  /** Sees the bytes of an upgraded connection pass, each direction on one thread at a time. */
  public interface Tap {
    Tap NONE = new Tap() {
      @Override
      public void clientToFar(byte[] data, int offset, int length) {}

      @Override
      public void farToClient(byte[] data, int offset, int length) {}

      @Override
      public void ended(String why) {}
    };

    void clientToFar(byte[] data, int offset, int length);

    void farToClient(byte[] data, int offset, int length);

    /** The splice ended, for {@code why}; called once. */
    void ended(String why);
  }

  /**
   * The stream to splice with, and where to read the far side's bytes: {@code bufferedFar} may
   * hold bytes read past the 101's head.
   */
  public void attach(TunnelStream farStream, InputStream bufferedFar) {
    this.stream = farStream;
    this.fromFar = bufferedFar;
  }

  /** Lets {@code observer} see the bytes both ways; before the client's connection is upgraded. */
  public void observe(Tap observer) {
    this.tap = observer;
  }

  @Override
  public void init(WebConnection upgraded) {
    connection = upgraded;
    try {
      ServletInputStream in = upgraded.getInputStream();
      ServletOutputStream out = upgraded.getOutputStream();
      out.setWriteListener(new Writable());
      in.setReadListener(new ClientToFar(in));
      PUMPS.execute(() -> farToClient(out));
    } catch (IOException | RuntimeException e) {
      end("upgraded connection unusable", e);
    }
  }

  /** Reads the far side's bytes as they come and writes them when the client can take them. */
  private void farToClient(ServletOutputStream out) {
    byte[] buffer = new byte[BUFFER];
    try {
      for (int n = fromFar.read(buffer); n >= 0; n = fromFar.read(buffer)) {
        // shown before it is passed on: the client may end the session as soon as it has it
        tapped(buffer, n, false);
        awaitReady(out);
        out.write(buffer, 0, n);
        awaitReady(out);
        out.flush();
      }
      end("the far side closed", null);
    } catch (IOException e) {
      end("far side ended", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      end("interrupted", e);
    }
  }

  private void awaitReady(ServletOutputStream out) throws InterruptedException {
    synchronized (writable) {
      while (!out.isReady()) {
        writable.wait(READY_POLL_MILLIS);
      }
    }
  }

  /** Shows {@code n} bytes that went one way to the tap, which is dropped if it fails. */
  private void tapped(byte[] buffer, int n, boolean fromClient) {
    try {
      if (fromClient) {
        tap.clientToFar(buffer, 0, n);
      } else {
        tap.farToClient(buffer, 0, n);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an observer of an upgraded connection failed; the splice goes on", e);
      tap = Tap.NONE;
    }
  }

  private void tapEnded(String why) {
    if (ended.compareAndSet(false, true)) {
      try {
        tap.ended(why);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "an observer of an upgraded connection failed at its end", e);
      }
    }
  }

  private void end(String why, Exception cause) {
    tapEnded(why);
    if (cause != null) {
      LOG.log(Level.FINE, why, cause);
      stream.reset(why);
    } else {
      stream.close();
    }
    try {
      connection.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing an upgraded connection", e);
    }
  }

  @Override
  public void destroy() {
    tapEnded("the client connection closed");
    if (stream != null) {
      stream.close();
    }
  }

  /** Wakes the far-to-client pump when the connection can take more. */
  private final class Writable implements WriteListener {
    @Override
    public void onWritePossible() {
      synchronized (writable) {
        writable.notifyAll();
      }
    }

    @Override
    public void onError(Throwable error) {
      end("client connection failed", new IOException(error));
    }
  }

  /** Passes what the client sends on to the far side; the client's end half-closes the stream. */
  private final class ClientToFar implements ReadListener {
    private final ServletInputStream in;
    private final byte[] buffer = new byte[BUFFER];

    ClientToFar(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public void onDataAvailable() throws IOException {
      OutputStream toFar = stream.output();
      while (in.isReady()) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        toFar.write(buffer, 0, n);
        toFar.flush();
        tapped(buffer, n, true);
      }
    }

    @Override
    public void onAllDataRead() throws IOException {
      stream.output().close();
    }

    @Override
    public void onError(Throwable error) {
      end("client connection lost", new IOException(error));
    }
  }
}
