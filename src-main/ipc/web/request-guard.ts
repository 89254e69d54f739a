import type { IncomingMessage } from 'node:http';
import { tokenMatches } from './token.js';

/** The names this server answers to; anything else in `Host` is a DNS-rebinding attempt. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

export function hostAllowed(request: IncomingMessage, port: number): boolean {
  return allowedHosts(port).includes(request.headers.host ?? '');
}

/** Browsers always send `Origin` on a WebSocket handshake; a missing one is not a page of ours. */
export function originAllowed(request: IncomingMessage, port: number): boolean {
  return allowedOrigins(port).includes(request.headers.origin ?? '');
}

/** Cookies are shared by every port of a host: one name per port keeps two servers apart. */
export function tokenCookieName(port: number): string {
  return `stevedore-token-${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

export function queryToken(url: URL): string | undefined {
  return url.searchParams.get('token') ?? undefined;
}

export function cookieToken(request: IncomingMessage, port: number): string | undefined {
  const name = tokenCookieName(port);
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at !== -1 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** The token may come in the query (first load, WebSocket) or the cookie (assets, reloads). */
export function requestAuthorized(request: IncomingMessage, url: URL, port: number, token: string): boolean {
  return tokenMatches(queryToken(url), token) || tokenMatches(cookieToken(request, port), token);
}
