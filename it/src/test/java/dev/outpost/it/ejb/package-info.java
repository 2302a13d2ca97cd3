/**
 * Arquillian suites for the EJB module against the running Payara: certificate authorities,
 * audit, logins and join tokens through the real EJBs, JPA and database.
 *
 * <p>The test deployment ({@link dev.outpost.it.ejb.EjbTestDeployment}) is a WAR carrying the
 * unmodified EJB jar and its libraries, deployed beside the real EAR and sharing its database,
 * data directory and configuration. It therefore runs the same startup beans a second time: the
 * Flyway migration finds the schema current, the CAs are opened (not recreated) from {@code
 * <data>/ca}, the TLS keystore is current, and the bootstrap admin exists already. That is by
 * design: the suite also proves that a second proxy instance can start against one database.
 * Each test works with its own uniquely named users and nodes.
 */
package dev.outpost.it.ejb;
