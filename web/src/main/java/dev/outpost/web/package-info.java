/**
 * The proxy's public face: thin REST ({@code rest}) and WebSocket ({@code ws}) endpoints that
 * validate, convert and delegate to the EJB services. No business rule lives here.
 */
package dev.outpost.web;
