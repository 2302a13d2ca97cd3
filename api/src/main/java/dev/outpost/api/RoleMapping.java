package dev.outpost.api;

import java.util.List;

/**
 * One rule of a leaf's role map: root roles named {@code remote} (a literal name, or a regular
 * expression {@code ^…$} whose groups {@code local} may use as {@code $1}) get the leaf roles
 * {@code local}.
 */
public record RoleMapping(String remote, List<String> local) {}
