package dev.outpost.application;

import dev.outpost.application.admin.AdminBootstrap;
import dev.outpost.config.OutpostConfig;
import dev.outpost.config.SecretFile;
import dev.outpost.domain.user.PasswordHasher;
import dev.outpost.domain.user.UserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.UserTransaction;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Creates the bootstrap {@code admin} at startup when the database has no user. The generated
 * password goes only to {@code <data>/secrets/bootstrap-admin-password} (0600), which the
 * launcher prints once. Safe to run in several deployments against one database: when another
 * one created the admin first, the insert loses on the unique name and this one moves on.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class BootstrapAdmin {

  static final String PASSWORD_FILE = "bootstrap-admin-password";
  private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class.getName());

  @Inject
  private UserRepository users;

  @Inject
  private OutpostConfig config;

  @Inject
  private Clock clock;

  @Inject
  private SecureRandom random;

  @EJB
  private AuditLog audit;

  @Resource
  private UserTransaction transaction;

  @PostConstruct
  void createFirstAdmin() {
    AdminBootstrap bootstrap =
        new AdminBootstrap(users, new PasswordHasher(random), audit::record, clock);
    SecretFile passwordFile = new SecretFile(config.secretFile(PASSWORD_FILE));
    try {
      transaction.begin();
      boolean created = bootstrap.createIfNoUser(config.bootstrapAdminLogins(), () ->
          config.bootstrapAdminPassword().orElseGet(() -> passwordFile.readOrCreate(random)));
      transaction.commit();
      if (created) {
        LOG.info(() -> "created bootstrap user admin" + (config.bootstrapAdminPassword().isEmpty()
            ? "; its password is in " + passwordFile.path() : ""));
      }
    } catch (RollbackException e) {
      LOG.info("bootstrap user admin was created concurrently by another instance");
    } catch (Exception e) {
      rollbackQuietly();
      throw new IllegalStateException("cannot create the bootstrap admin: " + e.getMessage(), e);
    }
  }

  private void rollbackQuietly() {
    try {
      transaction.rollback();
    } catch (Exception e) {
      LOG.fine(() -> "rollback after failed bootstrap: " + e);
    }
  }
}
