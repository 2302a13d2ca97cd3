/**
 * asciicast v2, the format of every session recording: written by the agent for SSH sessions and
 * by the proxy for {@code kubectl exec} sessions, read back by the CLI and the console.
 */
package dev.outpost.api.cast;
