package dev.outpost.web.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.application.kube.KubeRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordingRequirementTest {
  private static final KubeRequest EXEC =
      KubeRequest.of("POST", "/api/v1/namespaces/default/pods/web/exec", "command=sh&stdin=true");
  private static final KubeRequest ATTACH =
      KubeRequest.of("POST", "/api/v1/namespaces/default/pods/web/attach", "stdin=true");
  private static final KubeRequest PORT_FORWARD =
      KubeRequest.of("POST", "/api/v1/namespaces/default/pods/web/portforward", "ports=80");
  private static final String KUBECTL_OFFER = "v5.channel.k8s.io, v4.channel.k8s.io, channel.k8s.io";

  @Test
  void aWebSocketExecOfferingARecordableProtocolGoesOn() {
    assertEquals(Optional.empty(),
        RecordingRequirement.refusal(EXEC, "websocket", KUBECTL_OFFER, false));
    assertEquals(Optional.empty(),
        RecordingRequirement.refusal(ATTACH, "WebSocket", "v4.channel.k8s.io", false));
  }

  @Test
  void anExecOverSpdyIsRefusedWhenTheRolesRequireRecording() {
    String refusal = RecordingRequirement.refusal(EXEC, "SPDY/3.1", null, false).orElseThrow();
    assertTrue(refusal.startsWith("kubectl exec over SPDY/3.1 cannot be recorded"), refusal);
    assertTrue(refusal.contains("KUBECTL_REMOTE_COMMAND_WEBSOCKETS"), refusal);
  }

  @Test
  void aWebSocketOfferOfOnlyUnrecordableProtocolsIsRefused() {
    String refusal = RecordingRequirement
        .refusal(ATTACH, "websocket", "base64.channel.k8s.io, channel.k8s.io", false).orElseThrow();
    assertTrue(refusal.startsWith("kubectl attach over WebSocket without a v4 or v5"), refusal);
  }

  @Test
  void bestEffortRolesLetUnrecordableSessionsPass() {
    assertEquals(Optional.empty(), RecordingRequirement.refusal(EXEC, "SPDY/3.1", null, true));
  }

  @Test
  void requestsThatAreNotSessionsAreNotItsConcern() {
    assertEquals(Optional.empty(),
        RecordingRequirement.refusal(PORT_FORWARD, "SPDY/3.1", null, false));
  }
}
