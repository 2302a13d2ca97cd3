/**
 * Nodes joining with a single-use token, and renewing their host certificate by proving they hold
 * the current one. {@link dev.outpost.application.JoinService} is the transactional facade.
 *
 * <pre>
 *   agent ──JoinRequest(token, name, labels, key)──▶ NodeJoining
 *            token row locked, redeemed once ─▶ Node registered/refreshed ─▶ host certificate
 *   agent ──RenewRequest(proof over node+timestamp)──▶ HostRenewal ─▶ new certificate, same key
 * </pre>
 */
package dev.outpost.application.join;
