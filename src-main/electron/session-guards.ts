/* eng-disable CSP_GLOBAL_CHECK */
// Electronegativity evaluates a CSP only when it is a string literal ("Failed to parse CSP"); this
// one comes from contentSecurityPolicy(), shared with browser mode and asserted by its tests.
import type { Session } from 'electron';

/**
 * Session-wide rules: the CSP on every response the renderer loads over HTTP (the dev server; the
 * built index.html carries the same policy in a meta tag, as file:// responses have no headers to
 * rewrite) and no permission (camera, notifications, geolocation, ...) for any page.
 */
export function guardSession(session: Session, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
