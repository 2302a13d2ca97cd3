/**
 * Web app access: who may open which published app (roles' {@code app_labels}), launches and app
 * sessions bound to the console session, and their audit ({@code app.session.start}, sampled
 * {@code app.request}).
 */
package dev.outpost.application.apps;
