package dev.outpost.agent.ssh;

import dev.outpost.tunnel.Splice;
import dev.outpost.tunnel.TunnelStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.io.AbstractIoWriteFuture;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/**
 * One SSH connection of the built-in server carried straight by a tunnel stream: MINA SSHD's
 * session reads what the stream delivers and writes into it, with no socket in between.
 *
 * <p>Writing happens on the thread MINA writes a packet on (a command's output copier, say): the
 * bytes go into the stream, which copies them into DATA messages and waits for the proxy's credit,
 * so a slow client slows the writer, as a full socket would. Reading runs on the thread that calls
 * {@link #run}, handing MINA each chunk as it arrives; {@link #suspendRead} pauses it.
 *
 * <p>A loopback socket between the stream and MINA's socket transport cost the agent a third of
 * its CPU per byte in bulk transfers (MINA's completion threads, two more copies and thread
 * hand-offs per chunk; docs/performance.md, "The agent's loopback hop").
 */
final class TunnelIoSession extends AbstractCloseable implements IoSession {
  private static final Logger LOG = Logger.getLogger(TunnelIoSession.class.getName());
  /** MINA's own socket sessions read this much at a time. */
  private static final int READ_SIZE = 32 * 1024;
  private static final AtomicLong IDS = new AtomicLong();

  private final long id = IDS.incrementAndGet();
  private final TunnelStream stream;
  private final IoHandler handler;
  private final IoService service;
  private final SocketAddress local;
  private final SocketAddress remote;
  private final Map<Object, Object> attributes = new ConcurrentHashMap<>();
  private final ReentrantLock writing = new ReentrantLock();
  private final Object reading = new Object();
  private final AtomicLong bytesOut = new AtomicLong();
  private boolean readSuspended; // guarded by reading
  private long bytesIn; // the reading thread's

  TunnelIoSession(TunnelStream stream, IoHandler handler, IoService service, SocketAddress local,
      SocketAddress remote) {
    this.stream = stream;
    this.handler = handler;
    this.service = service;
    this.local = local;
    this.remote = remote;
  }

  /**
   * Tells MINA of the connection, then feeds it the stream's bytes until either ends; returns the
   * bytes read and written.
   */
  Splice.Transferred run() {
    try {
      handler.sessionCreated(this);
      InputStream in = stream.input();
      byte[] chunk = new byte[READ_SIZE];
      for (int n = in.read(chunk); n >= 0 && !isClosing(); n = in.read(chunk)) {
        bytesIn += n;
        awaitReadResumed();
        handler.messageReceived(this, new ByteArrayBuffer(chunk, 0, n));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (!isClosing()) {
        exceptionCaught(e);
      }
    } finally {
      close(true);
    }
    return new Splice.Transferred(bytesIn, bytesOut.get());
  }

  @Override
  public long getId() {
    return id;
  }

  @Override
  public SocketAddress getAcceptanceAddress() {
    return local;
  }

  @Override
  public SocketAddress getLocalAddress() {
    return local;
  }

  @Override
  public SocketAddress getRemoteAddress() {
    return remote;
  }

  @Override
  public Object getAttribute(Object key) {
    return attributes.get(key);
  }

  @Override
  public Object setAttribute(Object key, Object value) {
    return attributes.put(key, value);
  }

  @Override
  public Object setAttributeIfAbsent(Object key, Object value) {
    return attributes.putIfAbsent(key, value);
  }

  @Override
  public Object removeAttribute(Object key) {
    return attributes.remove(key);
  }

  /** Writes the packet into the stream before returning: the future is already complete. */
  @Override
  public IoWriteFuture writeBuffer(Buffer buffer) throws IOException {
    if (isClosing()) {
      throw new IOException(this + " is closing");
    }
    IOException failure = write(buffer);
    if (failure != null) {
      exceptionCaught(failure);
      return AbstractIoWriteFuture.fulfilled(id, failure);
    }
    return AbstractIoWriteFuture.fulfilled(id, Boolean.TRUE);
  }

  /** Writes the packet; returns why it could not be written, or null. */
  private IOException write(Buffer buffer) {
    writing.lock();
    try {
      int length = buffer.available();
      OutputStream out = stream.output();
      out.write(buffer.array(), buffer.rpos(), length);
      out.flush();
      bytesOut.addAndGet(length);
      return null;
    } catch (IOException e) {
      return e;
    } finally {
      writing.unlock();
    }
  }

  @Override
  public IoService getService() {
    return service;
  }

  @Override
  public void shutdownOutputStream() throws IOException {
    writing.lock();
    try {
      stream.output().close();
    } finally {
      writing.unlock();
    }
  }

  @Override
  public void suspendRead() {
    synchronized (reading) {
      readSuspended = true;
    }
  }

  @Override
  public void resumeRead() {
    synchronized (reading) {
      readSuspended = false;
      reading.notifyAll();
    }
  }

  /**
   * Closes the stream, after what was written; a writer still waiting for the client's credit
   * would hold that close up, so then the stream is reset instead, which also frees the writer.
   * MINA runs this once per session.
   */
  @Override
  protected void doCloseImmediately() {
    if (writing.tryLock()) {
      try {
        stream.close();
      } finally {
        writing.unlock();
      }
    } else {
      stream.reset("SSH connection closed");
    }
    super.doCloseImmediately();
    try {
      handler.sessionClosed(this);
    } catch (Exception e) {
      LOG.log(Level.FINE, "MINA's session failed to close", e);
    }
  }

  @Override
  public String toString() {
    return "SSH connection " + id + " on tunnel stream " + stream.id();
  }

  private void awaitReadResumed() throws InterruptedException {
    synchronized (reading) {
      while (readSuspended && !isClosing()) {
        reading.wait(1000);
      }
    }
  }

  private void exceptionCaught(Throwable failure) {
    try {
      handler.exceptionCaught(this, failure);
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing " + this + " after " + failure, e);
      close(true);
    }
  }
}
