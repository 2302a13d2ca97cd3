package dev.outpost.web.rest;

import dev.outpost.api.ConnectorApplied;
import dev.outpost.api.ConnectorRequest;
import dev.outpost.api.ConnectorView;
import dev.outpost.api.ClusterTrustRequest;
import dev.outpost.api.LockRequest;
import dev.outpost.api.LockView;
import dev.outpost.api.NodeView;
import dev.outpost.api.RoleApplied;
import dev.outpost.api.RoleRequest;
import dev.outpost.api.RoleView;
import dev.outpost.api.TokenRequest;
import dev.outpost.api.TokenResponse;
import dev.outpost.api.TokenView;
import dev.outpost.api.TrustedClusterView;
import dev.outpost.api.UserCreated;
import dev.outpost.api.UserRequest;
import dev.outpost.api.UserUpdate;
import dev.outpost.api.UserView;
import dev.outpost.application.LockService;
import dev.outpost.application.NodeService;
import dev.outpost.application.RoleService;
import dev.outpost.application.SsoService;
import dev.outpost.application.TokenService;
import dev.outpost.application.UserService;
import dev.outpost.domain.role.Role;
import dev.outpost.web.clusters.TrustedClusters;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administration; the services refuse callers without role {@code admin}. */
@Path("admin")
@Tag(name = "admin", description = "Administration: needs a session of a user with role admin")
@SecurityRequirement(name = "session")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class AdminResource {

  @Inject TokenService tokens;
  @Inject UserService users;
  @Inject NodeService nodes;
  @Inject RoleService roles;
  @Inject LockService locks;
  @Inject SsoService sso;
  @Inject TrustedClusters clusters;

  @Operation(summary = "Create a single-use join token",
      description = "for a node, Kubernetes cluster, app or trusted cluster; audited as token.create")
  @POST
  @Path("tokens")
  public TokenResponse addToken(TokenRequest body, @Context ContainerRequestContext request) {
    return tokens.create(SessionFilter.caller(request), Requests.required(body));
  }

  @Operation(summary = "List the join tokens still usable",
      description = "neither used nor expired; ids, types, expiry and creator, never the secrets")
  @GET
  @Path("tokens")
  public List<TokenView> tokens(@Context ContainerRequestContext request) {
    return tokens.list(SessionFilter.caller(request));
  }

  @Operation(summary = "Withdraw a join token before it is used", description = "audited as token.delete")
  @DELETE
  @Path("tokens/{id}")
  public void removeToken(@PathParam("id") String id, @Context ContainerRequestContext request) {
    tokens.remove(SessionFilter.caller(request), id);
  }

  @Operation(summary = "Create a local user with roles and a one-time invite",
      description = "every role must exist; audited as user.create")
  @POST
  @Path("users")
  public UserCreated addUser(UserRequest body, @Context ContainerRequestContext request) {
    return users.create(SessionFilter.caller(request), Requests.required(body));
  }

  @Operation(summary = "List local users", description = "users that are not removed, by name")
  @GET
  @Path("users")
  public List<UserView> users(@Context ContainerRequestContext request) {
    return users.list(SessionFilter.caller(request));
  }

  @Operation(summary = "Change a local user's roles or logins",
      description = "the fields given replace the user's; proxy decisions change at once, nodes see the change with the user's next certificates; audited as user.update")
  @PATCH
  @Path("users/{name}")
  public UserView updateUser(@PathParam("name") String name, UserUpdate body,
      @Context ContainerRequestContext request) {
    return users.update(SessionFilter.caller(request), name, body);
  }

  @Operation(summary = "Remove a local user",
      description = "bearer sessions stop at once; the user is locked for the longest certificate lifetime so that live SSH sessions end within seconds; audited as user.delete")
  @DELETE
  @Path("users/{name}")
  public void removeUser(@PathParam("name") String name,
      @Context ContainerRequestContext request) {
    users.remove(SessionFilter.caller(request), name);
  }

  /** Creates the role of the resource, or replaces the role of that name. */
  @Operation(summary = "Create or update a role",
      description = "the resource is the role YAML (or JSON) of docs/roles.md, validated strictly; audited as role.create or role.update")
  @POST
  @Path("roles")
  public RoleApplied applyRole(RoleRequest body, @Context ContainerRequestContext request) {
    return roles.apply(SessionFilter.caller(request), Requests.required(body).resource());
  }

  @Operation(summary = "List roles")
  @GET
  @Path("roles")
  public List<RoleView> roles(@Context ContainerRequestContext request) {
    return roles.list(SessionFilter.caller(request));
  }

  @Operation(summary = "Remove a role",
      description = "built-in roles admin and access cannot be removed; audited as role.delete")
  @DELETE
  @Path("roles/{name}")
  public void removeRole(@PathParam("name") String name,
      @Context ContainerRequestContext request) {
    roles.remove(SessionFilter.caller(request), name);
  }

  /** Locks a user or a node: new sessions are refused, live ones end within seconds. */
  @Operation(summary = "Lock a user or a node",
      description = "new sessions are refused at once and live ones end within seconds; audited as lock.create")
  @POST
  @Path("locks")
  public LockView lock(LockRequest body, @Context ContainerRequestContext request) {
    return locks.lock(SessionFilter.caller(request), Requests.required(body));
  }

  @Operation(summary = "List the locks in force", description = "oldest first")
  @GET
  @Path("locks")
  public List<LockView> locks(@Context ContainerRequestContext request) {
    return locks.list(SessionFilter.caller(request));
  }

  @Operation(summary = "Lift a lock", description = "audited as lock.delete")
  @DELETE
  @Path("locks/{id}")
  public void removeLock(@PathParam("id") String id, @Context ContainerRequestContext request) {
    locks.remove(SessionFilter.caller(request), id);
  }

  @Operation(summary = "List every node of the cluster")
  @GET
  @Path("nodes")
  public List<NodeView> nodes(@Context ContainerRequestContext request) {
    return nodes.listAll(SessionFilter.caller(request));
  }

  @Operation(summary = "Remove a node that is gone",
      description = "offline nodes only (409 when online or reconnecting); its certificate opens no tunnel afterwards, the device must join again; audited as node.delete")
  @DELETE
  @Path("nodes/{name}")
  public void removeNode(@PathParam("name") String name,
      @Context ContainerRequestContext request) {
    nodes.remove(SessionFilter.caller(request), name);
  }

  /** Creates the SSO connector of the resource, or replaces the connector of that name. */
  @Operation(summary = "Create or update a single sign-on connector",
      description = "the resource is the kind: oidc YAML (or JSON) of INTERFACE.md; the client "
          + "secret is stored sealed and never returned; audited as sso.create or sso.update")
  @POST
  @Path("sso")
  public ConnectorApplied applyConnector(ConnectorRequest body,
      @Context ContainerRequestContext request) {
    return sso.apply(SessionFilter.caller(request), Requests.required(body).resource());
  }

  @Operation(summary = "List single sign-on connectors, without their secrets")
  @GET
  @Path("sso")
  public List<ConnectorView> connectors(@Context ContainerRequestContext request) {
    return sso.list(SessionFilter.caller(request));
  }

  @Operation(summary = "Remove a single sign-on connector",
      description = "its users stay but can no longer sign in; audited as sso.delete")
  @DELETE
  @Path("sso/{name}")
  public void removeConnector(@PathParam("name") String name,
      @Context ContainerRequestContext request) {
    sso.remove(SessionFilter.caller(request), name);
  }

  @Operation(summary = "List trusted clusters",
      description = "this cluster, the leaves that joined it and the roots it joined, with tunnel state")
  @GET
  @Path("clusters")
  public List<TrustedClusterView> clusters(@Context ContainerRequestContext request) {
    SessionFilter.caller(request).requireRole(Role.ADMIN);
    return clusters.list();
  }

  @Operation(summary = "Join a root cluster",
      description = "with the root's trusted_cluster token, CA pin and a role map; audited as cluster.join")
  @POST
  @Path("clusters")
  public TrustedClusterView joinCluster(ClusterTrustRequest body,
      @Context ContainerRequestContext request) {
    return clusters.joinRoot(SessionFilter.caller(request), Requests.required(body));
  }

  @Operation(summary = "Remove a trusted cluster",
      description = "a leaf of this root or a root of this leaf; ends its tunnel and every session"
          + " through it; audited as cluster.delete")
  @DELETE
  @Path("clusters/{name}")
  public void removeCluster(@PathParam("name") String name,
      @Context ContainerRequestContext request) {
    clusters.remove(SessionFilter.caller(request), name);
  }
}
