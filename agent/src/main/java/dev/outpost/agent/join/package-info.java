/**
 * Becoming and staying a node: the first join (a single-use token traded for a host certificate)
 * and the host certificate's renewal before it runs out.
 *
 * <pre>
 *   first start:  token ──POST /api/v1/join──► proxy   (TLS trusted by --ca-pin, or the system)
 *                 ◄── host cert, user CA keys, cluster CA ──  stored in the data directory
 *   every hour:   less than half of the validity left?
 *                 proof over (node, now) ──POST /api/v1/nodes/renew──► proxy (TLS: cluster CA)
 *                 ◄── new host cert, current user CA keys ──  stored atomically, used at once
 * </pre>
 */
package dev.outpost.agent.join;
