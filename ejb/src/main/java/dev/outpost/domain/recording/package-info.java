/**
 * Session recordings: a {@link dev.outpost.domain.recording.Recording} row per recorded terminal
 * session (who, where, when, how many bytes, the confirmed checksum) and a {@link
 * dev.outpost.domain.recording.RecordingStore} that keeps the asciicast bytes, append-only. Nodes
 * record first to their own disk and upload later; see {@code docs/recording.md}.
 */
package dev.outpost.domain.recording;
