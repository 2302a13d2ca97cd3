/**
 * What nodes deliver after the fact, at least once: recording uploads (announce, append chunks at
 * the stored offset, confirm the whole checksum) and audit events that happened on the node,
 * kept once by their id. Every request carries a proof made with the node's host key.
 */
package dev.outpost.application.recording;
