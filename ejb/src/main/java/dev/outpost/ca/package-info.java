/**
 * The cluster's certificate authorities, in plain Java without any container API.
 *
 * <pre>
 *   CaStore ──opens/creates──▶ CertificateAuthorities (one cluster)
 *     │ KeyVault (AES-256-GCM,     ├─ users: SshCertificateAuthority (Ed25519, USER)
 *     │ PBKDF2): &lt;data&gt;/ca/*.key  ├─ hosts: SshCertificateAuthority (Ed25519, HOST)
 *     ▼                            └─ tls:   X509CertificateAuthority (EC P-256)
 *   ProxyTlsKeystore: &lt;data&gt;/tls/proxy.p12, the proxy's server certificate from the tls CA
 * </pre>
 *
 * <p>The SSH CAs can be rotated ({@link dev.outpost.ca.CaStore#rotate}): each holds {@link
 * dev.outpost.ca.SshCaKeys}, the key that signs and the retired public keys trusted until their
 * grace ends, swapped whole.
 *
 * <p>Private keys exist in clear only in memory; on disk they are sealed by {@link
 * dev.outpost.ca.KeyVault} and no public method hands them out. Certificate requests are validated
 * value objects ({@link dev.outpost.ca.SshCertificateRequest}); verification errors are {@link
 * java.security.GeneralSecurityException}s whose message says precisely what is wrong.
 */
package dev.outpost.ca;
