package dev.outpost.application.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outpost.api.TokenRequest;
import dev.outpost.api.TokenResponse;
import dev.outpost.api.TokenView;
import dev.outpost.domain.audit.AuditEventType;
import dev.outpost.domain.audit.Outcome;
import dev.outpost.domain.role.Role;
import dev.outpost.domain.shared.OutpostException;
import dev.outpost.domain.shared.SecretToken;
import dev.outpost.domain.token.TokenType;
import dev.outpost.domain.user.UserIdentity;
import dev.outpost.testing.InMemoryTokens;
import dev.outpost.testing.MutableClock;
import dev.outpost.testing.RecordingAudit;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JoinTokensTest {

  private static final String PIN = "sha256:" + "ab".repeat(32);

  private final MutableClock clock = MutableClock.atSomeFixedTime();
  private final InMemoryTokens tokens = new InMemoryTokens();
  private final RecordingAudit audit = new RecordingAudit();
  private final JoinTokens joinTokens =
      new JoinTokens(tokens, PIN, audit, clock, new SecureRandom());
  private final UserIdentity admin =
      new UserIdentity("root-admin", Set.of(Role.ADMIN), List.of(), Instant.MAX);

  @Test
  void createsA128BitTokenStoredByHash() {
    TokenResponse response = joinTokens.create(admin, new TokenRequest("node", null));

    assertTrue(response.token().matches("[0-9a-f]{32}"), response.token());
    assertEquals("node", response.type());
    assertEquals(clock.instant().plus(Duration.ofMinutes(30)), response.expires());
    assertEquals(PIN, response.caPin());
    assertEquals(TokenType.NODE,
        tokens.findForUpdate(SecretToken.hash(response.token())).orElseThrow().type());
    assertEquals(Outcome.SUCCESS, audit.last().outcome());
    assertEquals(AuditEventType.TOKEN_CREATE, audit.last().type());
    assertTrue(!audit.last().message().contains(response.token()), "no secret in the audit");
  }

  @Test
  void honoursTypeAndTtlWithinADay() {
    TokenResponse response = joinTokens.create(admin, new TokenRequest("trusted_cluster", "24h"));

    assertEquals("trusted_cluster", response.type());
    assertEquals(clock.instant().plus(Duration.ofHours(24)), response.expires());
    assertEquals(OutpostException.Kind.BAD_REQUEST, assertThrows(OutpostException.class,
        () -> joinTokens.create(admin, new TokenRequest("node", "25h"))).kind());
    assertEquals(OutpostException.Kind.BAD_REQUEST, assertThrows(OutpostException.class,
        () -> joinTokens.create(admin, new TokenRequest("printer", null))).kind());
  }

  @Test
  void onlyAdminsCreateTokens() {
    UserIdentity user = new UserIdentity("alice", Set.of(Role.ACCESS), List.of(), Instant.MAX);

    OutpostException error = assertThrows(OutpostException.class,
        () -> joinTokens.create(user, new TokenRequest("node", null)));

    assertEquals(OutpostException.Kind.FORBIDDEN, error.kind());
    assertEquals("role admin is required", error.getMessage());
    assertEquals(Outcome.FAILURE, audit.last().outcome());
    assertEquals("alice", audit.last().actor());
  }

  @Test
  void listsUsableTokensWithoutSecretsAndWithdrawsThem() {
    TokenResponse used = joinTokens.create(admin, new TokenRequest("node", null));
    tokens.findForUpdate(SecretToken.hash(used.token())).orElseThrow()
        .redeem(TokenType.NODE, "node-1", clock.instant());
    TokenResponse expiring = joinTokens.create(admin, new TokenRequest("node", "10m"));
    TokenResponse waiting = joinTokens.create(admin, new TokenRequest("kube", "1h"));

    assertEquals(List.of(expiring.id(), waiting.id()),
        joinTokens.list(admin).stream().map(TokenView::id).toList(), "used ones are not listed");
    assertTrue(joinTokens.list(admin).stream().allMatch(t -> t.createdBy().equals("root-admin")));

    joinTokens.remove(admin, waiting.id());
    assertEquals(AuditEventType.TOKEN_DELETE, audit.last().type());
    assertTrue(tokens.findForUpdate(SecretToken.hash(waiting.token())).isEmpty(),
        "a withdrawn token can no longer be redeemed");
    clock.advance(Duration.ofMinutes(11));
    assertEquals(List.of(), joinTokens.list(admin), "expired ones are not listed");
    assertEquals(OutpostException.Kind.NOT_FOUND, assertThrows(OutpostException.class,
        () -> joinTokens.remove(admin, waiting.id())).kind());
    UserIdentity bob = new UserIdentity("bob", Set.of("access"), List.of(), Instant.MAX);
    assertEquals(OutpostException.Kind.FORBIDDEN,
        assertThrows(OutpostException.class, () -> joinTokens.list(bob)).kind());
  }
}
