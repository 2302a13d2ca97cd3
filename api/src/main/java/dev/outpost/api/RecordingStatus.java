package dev.outpost.api;

/**
 * What the proxy holds of a recording: the node resumes uploading at {@code size}.
 *
 * @param id the recording
 * @param size bytes stored
 * @param complete whether the proxy confirmed the whole recording's checksum
 */
public record RecordingStatus(String id, long size, boolean complete) {}
