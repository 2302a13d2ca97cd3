// After logging out of a single sign-on session, the login page offers the identity provider's
// logout once: the console page hands the URL over in sessionStorage, never in the address.
export const SSO_LOGOUT_KEY = 'outpost.ssoLogout';

export function offerProviderLogout(link) {
  const url = sessionStorage.getItem(SSO_LOGOUT_KEY);
  sessionStorage.removeItem(SSO_LOGOUT_KEY);
  // The proxy's own answer; still, only a web address may become a link (never javascript:).
  if (url && /^https?:\/\//.test(url)) {
    link.href = url;
    link.hidden = false;
  }
}
