/**
 * Auth.js's JWT session cookie: `authjs.session-token`, `__Secure-` prefixed on https, with `.0`, `.1`… when
 * a large token is split across cookies.
 */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * Whether a request with these cookie names can have a session at all. Without one, `auth()` would still build
 * a request and run Auth.js's session action only to answer null: storefront pages skip that for guests.
 */
export function mayHaveSession(cookieNames: Iterable<string>): boolean {
  for (const name of cookieNames) if (SESSION_COOKIE.test(name)) return true;
  return false;
}
