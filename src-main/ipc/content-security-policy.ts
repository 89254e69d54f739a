/**
 * The one policy for the renderer, in Electron and in browser mode: it loads only its own files
 * and talks only to its own server. Mantine injects `<style>` elements, hence 'unsafe-inline'
 * for styles; scripts never get it except from Vite's dev server (React Refresh's preamble).
 */
export interface PolicyOptions {
  /** Extra sources the page may connect to (the WebSocket, Vite's HMR socket). */
  connect?: string[];
  /** Development only: the dev server injects an inline script. */
  inlineScripts?: boolean;
}

export function contentSecurityPolicy({ connect = [], inlineScripts = false }: PolicyOptions = {}): string {
  return [
    "default-src 'self'",
    inlineScripts ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
