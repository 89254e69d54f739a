import { echo, InvalidReferenceError } from './error.js';
import { BRACKETED_IPV6, DOMAIN_NAME, PORT } from './grammar.js';

/**
 * Checks a registry host: `host[:port]` where host is a DNS name, a dotted IPv4 address or an
 * IPv6 address in brackets. `input` is the whole reference, kept for the error's details.
 */
export function validateDomain(domain: string, input: string): void {
  const { host, port } = splitHostPort(domain, input);
  if (host.startsWith('[')) {
    if (!BRACKETED_IPV6.test(host)) {
      throw new InvalidReferenceError(
        `invalid IPv6 address "${echo(host)}" (zone identifiers and embedded IPv4 are not supported)`,
        input,
      );
    }
  } else if (!DOMAIN_NAME.test(host)) {
    throw new InvalidReferenceError(
      `invalid registry host "${echo(host)}" (letters, digits, inner "-", labels joined by ".")`,
      input,
    );
  }
  if (port !== null && !PORT.test(port)) {
    throw new InvalidReferenceError(`invalid port "${echo(port)}" in registry host "${echo(domain)}"`, input);
  }
}

function splitHostPort(domain: string, input: string): { host: string; port: string | null } {
  if (domain.startsWith('[')) {
    const close = domain.indexOf(']');
    if (close === -1)
      throw new InvalidReferenceError(`IPv6 address "${echo(domain)}" is missing its "]"`, input);
    const host = domain.slice(0, close + 1);
    const rest = domain.slice(close + 1);
    if (rest === '') return { host, port: null };
    if (!rest.startsWith(':')) {
      throw new InvalidReferenceError(
        `invalid registry host "${echo(domain)}" (expected ":port" after "]")`,
        input,
      );
    }
    return { host, port: rest.slice(1) };
  }
  const colon = domain.indexOf(':');
  if (colon === -1) return { host: domain, port: null };
  const port = domain.slice(colon + 1);
  if (port.includes(':')) {
    throw new InvalidReferenceError(
      `registry host "${echo(domain)}" looks like an IPv6 address: put it in brackets, as in [::1]:5000`,
      input,
    );
  }
  return { host: domain.slice(0, colon), port };
}
