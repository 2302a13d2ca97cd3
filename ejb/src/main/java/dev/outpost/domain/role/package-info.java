/**
 * The role engine: role resources ({@link dev.outpost.domain.role.Role}, read strictly from YAML
 * by {@link dev.outpost.domain.role.RoleYaml}) and their combination for one user ({@link
 * dev.outpost.domain.role.RoleSet}), which decides every access with deny by default and deny
 * winning. Plain Java apart from the stored form ({@link dev.outpost.domain.role.StoredRole}).
 *
 * <pre>
 *  role YAML ──RoleYaml──▶ Role ──┐
 *  user's role names ─────────────┼──▶ RoleSet ──▶ logins (certificate principals)
 *  user's traits (logins) ────────┘            ├─▶ ssh(login, node, labels): AccessDecision
 *                                              ├─▶ maySee(node, labels): node listings
 *                                              └─▶ options: TTL cap, forwarding, file copy, MFA
 * </pre>
 */
package dev.outpost.domain.role;
