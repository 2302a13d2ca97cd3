/**
 * Storage outside the database: {@link dev.outpost.infrastructure.storage.FileRecordingStore}
 * keeps recordings as files in the data directory.
 */
package dev.outpost.infrastructure.storage;
