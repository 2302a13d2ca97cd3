package dev.outpost.application;

import dev.outpost.api.NodeEvents;
import dev.outpost.api.RecordingChunk;
import dev.outpost.api.RecordingComplete;
import dev.outpost.api.RecordingOpen;
import dev.outpost.api.RecordingStatus;
import dev.outpost.api.RecordingView;
import dev.outpost.application.recording.NodeEventIntake;
import dev.outpost.application.recording.NodeRequestVerifier;
import dev.outpost.application.recording.RecordingLibrary;
import dev.outpost.application.recording.RecordingUploads;
import dev.outpost.config.OutpostConfig;
import dev.outpost.domain.node.NodeRepository;
import dev.outpost.domain.recording.RecordingRepository;
import dev.outpost.domain.recording.RecordingStore;
import dev.outpost.domain.user.UserIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/** Recordings and node events uploaded by agents; recordings read back by users. */
@Stateless
public class RecordingService {

  @Inject
  private RecordingRepository recordings;

  @Inject
  private RecordingStore store;

  @Inject
  private NodeRepository nodes;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @EJB
  private CertificateAuthorityService cas;

  @EJB
  private AuditLog audit;

  private RecordingUploads uploads;
  private NodeEventIntake events;
  private RecordingLibrary library;

  @PostConstruct
  void wire() {
    NodeRequestVerifier verifier = new NodeRequestVerifier(() -> cas.authorities().hosts(), nodes,
        config.clusterName(), clock);
    uploads = new RecordingUploads(verifier, recordings, store, config.clusterName(), clock);
    events = new NodeEventIntake(verifier, audit::recordOnce);
    library = new RecordingLibrary(recordings, store, config.clusterName());
  }

  public RecordingStatus open(String id, RecordingOpen request) {
    return uploads.open(id, request);
  }

  public RecordingStatus append(String id, RecordingChunk chunk) {
    return uploads.append(id, chunk);
  }

  public RecordingStatus complete(String id, RecordingComplete request) {
    return uploads.complete(id, request);
  }

  /** @return how many events were new */
  public int nodeEvents(NodeEvents batch) {
    return events.accept(batch);
  }

  public List<RecordingView> list(UserIdentity caller, int limit) {
    return library.list(caller, limit);
  }

  public RecordingView find(UserIdentity caller, String id) {
    return library.find(caller, id);
  }

  public InputStream export(UserIdentity caller, String id) {
    return library.open(caller, id);
  }
}
