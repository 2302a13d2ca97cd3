/**
 * Admission control for agent tunnels, so that a fleet reconnecting at once (after a proxy
 * restart or a mobile-network outage) cannot knock the proxy over.
 *
 * <pre>
 *   agent ──wss upgrade──► filter: AdmissionLimiter.tryAdmit()
 *                              │ token          │ none
 *                              ▼                ▼
 *                  certificate, DB, tunnel    503 + Retry-After: n   (no certificate, DB or audit work)
 *                                               │
 *   agent waits n s + its own jittered backoff ◄┘
 * </pre>
 *
 * {@link dev.outpost.tunnel.admission.AdmissionLimiter} is the token bucket with spread retry hints,
 * {@link dev.outpost.tunnel.admission.AdmissionRate} its validated setting and {@link
 * dev.outpost.tunnel.admission.RetryAfter} the header both sides speak. Plain Java, clock injected.
 */
package dev.outpost.tunnel.admission;
