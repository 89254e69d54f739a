const STORAGE_KEY = 'stevedore.token';

/**
 * The browser-mode token arrives once, in the address the server printed. Keep it for this tab
 * (reloads, reconnects) and take it out of the address bar, history and bookmarks.
 */
export function takeToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    remember(fromQuery);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromQuery;
  }
  return recall();
}

// Storage can be switched off; the HttpOnly cookie set with the page still authorizes the socket.
function remember(token: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {}
}

function recall(): string | undefined {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
