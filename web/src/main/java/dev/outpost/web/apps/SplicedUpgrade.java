package dev.outpost.web.apps;

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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A WebSocket the app accepted: after the 101 the browser's connection and the tunnel stream carry
 * bytes both ways, unchanged; the proxy does not look into WebSocket frames.
 *
 * <p>The upgraded connection is driven with the Servlet API's non-blocking I/O, as the container's
 * own WebSocket implementation does: browser bytes arrive in {@link ReadListener} callbacks and go
 * to the stream; app bytes are read from the stream on a thread of their own and written only
 * while the connection {@link ServletOutputStream#isReady is ready}, so a slow browser slows the
 * app's side (through the stream's flow control) rather than filling the proxy's memory.
 */
public class SplicedUpgrade implements HttpUpgradeHandler {
  private static final Logger LOG = Logger.getLogger(SplicedUpgrade.class.getName());
  private static final int BUFFER = 16 * 1024;
  private static final long READY_POLL_MILLIS = 1000;
  private static final ExecutorService PUMPS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "app-websocket");
    thread.setDaemon(true);
    return thread;
  });

  private final Object writable = new Object();
  private TunnelStream stream;
  private InputStream fromApp;
  private WebConnection connection;

  void attach(TunnelStream appStream, InputStream bufferedFromApp) {
    this.stream = appStream;
    this.fromApp = bufferedFromApp;
  }

  @Override
  public void init(WebConnection upgraded) {
    connection = upgraded;
    try {
      ServletInputStream in = upgraded.getInputStream();
      ServletOutputStream out = upgraded.getOutputStream();
      out.setWriteListener(new Writable());
      in.setReadListener(new BrowserToApp(in));
      PUMPS.execute(() -> appToBrowser(out));
    } catch (IOException | RuntimeException e) {
      end("upgraded connection unusable", e);
    }
  }

  /** Reads the app's bytes as they come and writes them when the browser's side can take them. */
  private void appToBrowser(ServletOutputStream out) {
    byte[] buffer = new byte[BUFFER];
    try {
      for (int n = fromApp.read(buffer); n >= 0; n = fromApp.read(buffer)) {
        awaitReady(out);
        out.write(buffer, 0, n);
        awaitReady(out);
        out.flush();
      }
      end("the app closed the WebSocket", null);
    } catch (IOException e) {
      end("app side ended", e);
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

  private void end(String why, Exception cause) {
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
    if (stream != null) {
      stream.close();
    }
  }

  /** Wakes the app-to-browser pump when the connection can take more. */
  private final class Writable implements WriteListener {
    @Override
    public void onWritePossible() {
      synchronized (writable) {
        writable.notifyAll();
      }
    }

    @Override
    public void onError(Throwable error) {
      end("browser connection failed", new IOException(error));
    }
  }

  /** Passes what the browser sends on to the app; the browser's end half-closes the stream. */
  private final class BrowserToApp implements ReadListener {
    private final ServletInputStream in;
    private final byte[] buffer = new byte[BUFFER];

    BrowserToApp(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public void onDataAvailable() throws IOException {
      OutputStream toApp = stream.output();
      while (in.isReady()) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        toApp.write(buffer, 0, n);
        toApp.flush();
      }
    }

    @Override
    public void onAllDataRead() throws IOException {
      stream.output().close();
    }

    @Override
    public void onError(Throwable error) {
      end("browser connection lost", new IOException(error));
    }
  }
}
