package dev.outpost.web.kube;

import dev.outpost.application.kube.KubeRequest;
import dev.outpost.web.kube.exec.ExecRecorder;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether an exec or attach may go on as the client asks for it. The proxy records a session only
 * in the WebSocket channel protocols ({@link ExecRecorder#PROTOCOLS}); SPDY/3.1 (older kubectl,
 * or {@code KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false}) would pass unrecorded. Unless the user's
 * roles say {@code record_session: best-effort}, such a request is refused before it reaches the
 * API server, so that choosing a protocol is never a way around the recording.
 */
final class RecordingRequirement {
  private RecordingRequirement() {}

  /**
   * Why {@code request} must be refused, if it must.
   *
   * @param upgrade the request's {@code Upgrade} header, null for none
   * @param offered the request's {@code Sec-WebSocket-Protocol} header, null for none
   * @param unrecordedAllowed whether the roles let a session run unrecorded
   */
  static Optional<String> refusal(KubeRequest request, String upgrade, String offered,
      boolean unrecordedAllowed) {
    if (!request.isInteractive() || unrecordedAllowed
        || (isWebSocket(upgrade) && offersRecordable(offered))) {
      return Optional.empty();
    }
    String how = isWebSocket(upgrade) ? "WebSocket without a v4 or v5 channel protocol"
        : upgrade == null ? "a plain request" : upgrade;
    return Optional.of("kubectl " + request.interaction() + " over " + how
        + " cannot be recorded, and your roles require recording (record_session): use kubectl"
        + " 1.30 or later with its default WebSocket protocol (unset"
        + " KUBECTL_REMOTE_COMMAND_WEBSOCKETS)");
  }

  private static boolean isWebSocket(String upgrade) {
    return upgrade != null && Arrays.stream(upgrade.split(","))
        .anyMatch(token -> token.strip().equalsIgnoreCase("websocket"));
  }

  private static boolean offersRecordable(String offered) {
    return offered != null && Arrays.stream(offered.split(","))
        .map(String::strip).anyMatch(ExecRecorder.PROTOCOLS::contains);
  }
}
