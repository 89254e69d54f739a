import type { WebContents } from 'electron';

/**
 * Applied to every WebContents the app creates: no new windows, no navigation or redirect away
 * from our own renderer, no <webview>.
 */
export function guardNavigation(contents: WebContents, isTrustedUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
