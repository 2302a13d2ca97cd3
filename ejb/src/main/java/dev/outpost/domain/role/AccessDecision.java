package dev.outpost.domain.role;

/**
 * The outcome of a role check.
 *
 * @param allowed whether the action may go ahead
 * @param reason for a refusal, the rule that refused it (safe to show the user); empty otherwise
 */
public record AccessDecision(boolean allowed, String reason) {

  static final AccessDecision ALLOWED = new AccessDecision(true, "");

  public static AccessDecision denied(String reason) {
    return new AccessDecision(false, reason);
  }
}
