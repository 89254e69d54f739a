/**
 * Which renderer URLs are ours: the built index.html (file://) or, in development, the
 * electron-vite dev server. Compared after parsing, never by string prefix
 * (`file:///app/index.html.evil` and `http://localhost:5173.evil.com` are not ours).
 */
export interface RendererLocation {
  /** file:// URL of the built index.html. */
  fileUrl?: string;
  /** The dev server (ELECTRON_RENDERER_URL) in development. */
  devServerUrl?: string;
}

export function createUrlTrust({ fileUrl, devServerUrl }: RendererLocation): (url: string) => boolean {
  const file = fileUrl ? new URL(fileUrl) : undefined;
  const dev = devServerUrl ? new URL(devServerUrl) : undefined;
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    // file:// origins are opaque ("null"): the document itself is what must match.
    if (file && url.protocol === 'file:') return url.host === file.host && url.pathname === file.pathname;
    if (dev && (url.protocol === 'http:' || url.protocol === 'https:')) return url.origin === dev.origin;
    return false;
  };
}
