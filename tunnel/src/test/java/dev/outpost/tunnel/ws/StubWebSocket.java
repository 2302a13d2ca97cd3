package dev.outpost.tunnel.ws;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Records what a transport asks of the JDK WebSocket. */
final class StubWebSocket implements WebSocket {
  long requested;
  int closeCode;
  String closeReason;
  boolean aborted;
  CompletableFuture<WebSocket> nextSend = CompletableFuture.completedFuture(this);
  final List<byte[]> sentParts = new ArrayList<>();
  final List<Boolean> sentLast = new ArrayList<>();

  @Override
  public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
    throw new UnsupportedOperationException("the tunnel sends no text");
  }

  @Override
  public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
    byte[] part = new byte[data.remaining()];
    data.get(part);
    sentParts.add(part);
    sentLast.add(last);
    return nextSend;
  }

  @Override
  public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
    closeCode = statusCode;
    closeReason = reason;
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public void request(long n) {
    requested += n;
  }

  @Override
  public String getSubprotocol() {
    return "";
  }

  @Override
  public boolean isOutputClosed() {
    return closeReason != null;
  }

  @Override
  public boolean isInputClosed() {
    return aborted;
  }

  @Override
  public void abort() {
    aborted = true;
  }
}
