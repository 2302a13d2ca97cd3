package dev.outpost.application;

import dev.outpost.api.CaKeyView;
import dev.outpost.api.CaRotationRequest;
import dev.outpost.application.admin.CaRotation;
import dev.outpost.domain.user.UserIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/** The SSH CAs' keys for admins: list them, rotate one. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CaRotationService {

  @Inject
  private Clock clock;

  @EJB
  private CertificateAuthorityService cas;

  @EJB
  private AuditLog audit;

  private CaRotation rotation;

  @PostConstruct
  void wire() {
    rotation = new CaRotation(cas.authorities(), cas::rotate, audit::record, clock);
  }

  public List<CaKeyView> list(UserIdentity admin) {
    return rotation.list(admin);
  }

  public List<CaKeyView> rotate(UserIdentity admin, CaRotationRequest request) {
    return rotation.rotate(admin, request);
  }
}
