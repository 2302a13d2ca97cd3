package dev.outpost.infrastructure.storage;

import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.recording.RecordingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Chooses the recording store: files under {@code <data>/recordings}. */
@ApplicationScoped
public class RecordingStorage {

  @Inject
  OutpostConfig config;

  @Produces
  @Singleton
  public RecordingStore store() {
    return new FileRecordingStore(config.dataDir().resolve("recordings"));
  }
}
