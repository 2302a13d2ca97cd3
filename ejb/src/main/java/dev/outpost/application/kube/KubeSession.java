package dev.outpost.application.kube;

import java.util.UUID;

/**
 * A {@code kubectl exec} or {@code kubectl attach} session the proxy records.
 *
 * @param id the session's id, on its {@code kube.request}, {@code session.start} and {@code
 *     session.end} events and its recording
 * @param recording the id of its recording
 */
public record KubeSession(UUID id, UUID recording) {}
