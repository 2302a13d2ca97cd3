/**
 * Session recording and audit delivery at the node, because only the node sees the plaintext of
 * an end-to-end SSH session.
 *
 * <pre>
 *  PTY output ──▶ RecordedOutput ──▶ client                 (ssh package)
 *                     │
 *                     ▼
 *            AsciicastRecorder ──▶ RecordingSpool  &lt;data&gt;/recordings/ID.cast (+ .json, .done)
 *  exec/scp/sftp ──▶ EventSpool                     &lt;data&gt;/events/ID.json
 *                     │
 *                     ▼  every few seconds, and at once when a session ends
 *               SpoolUploader ──HTTPS──▶ proxy /api/v1/agent/... (resume at the proxy's size,
 *                                        chunks with SHA-256, completion with the whole SHA-256)
 * </pre>
 *
 * Disk first, network later: recording never waits for the proxy, and a spooled file is deleted
 * only after the proxy confirmed its checksum. Events are deleted after the proxy accepted them;
 * it keeps each event id once, so a repeated delivery is harmless.
 */
package dev.outpost.agent.recording;
