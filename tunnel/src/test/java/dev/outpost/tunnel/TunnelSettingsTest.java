package dev.outpost.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TunnelSettingsTest {

  @Test
  void defaultsSuitALan() {
    TunnelSettings settings = TunnelSettings.defaults();
    assertEquals(256 * 1024, settings.maxPayload());
    assertEquals(2 * 1024 * 1024, settings.initialWindow());
    assertEquals(100, settings.maxStreams());
    assertEquals(Duration.ofSeconds(15), settings.pingInterval());
    assertEquals(Duration.ofSeconds(45), settings.idleTimeout());
    assertEquals(Duration.ofSeconds(15), settings.handshakeTimeout());
    assertEquals(Duration.ofSeconds(30), settings.openTimeout());
  }

  @Test
  void aBuilderFromSettingsKeepsEverything() {
    ManualScheduler time = new ManualScheduler();
    TunnelSettings settings = TunnelSettings.builder().maxStreams(7).scheduler(time).build();
    TunnelSettings copy = settings.toBuilder().build();
    assertEquals(7, copy.maxStreams());
    assertSame(time, copy.scheduler());
    assertSame(settings.executor(), copy.executor());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        invalid(b -> b.maxPayload(2 << 20), "maxPayload must be in 16384..1048576, got 2097152"),
        invalid(b -> b.initialWindow(1000), "initialWindow must be in 16384..1073741824, got 1000"),
        invalid(b -> b.maxStreams(0), "maxStreams must be in 1..65535, got 0"),
        invalid(b -> b.pingInterval(Duration.ZERO), "pingInterval must be positive, got PT0S"),
        invalid(
            b -> b.openTimeout(Duration.ofSeconds(-1)), "openTimeout must be positive, got PT-1S"),
        invalid(
            b -> b.pingInterval(Duration.ofSeconds(30)).idleTimeout(Duration.ofSeconds(30)),
            "idleTimeout (PT30S) must exceed pingInterval (PT30S)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void refusesValuesOutOfRange(UnaryOperator<TunnelSettings.Builder> change, String reason) {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> change.apply(TunnelSettings.builder()).build());
    assertEquals(reason, refused.getMessage());
  }

  private static Arguments invalid(UnaryOperator<TunnelSettings.Builder> change, String reason) {
    return Arguments.of(change, reason);
  }
}
