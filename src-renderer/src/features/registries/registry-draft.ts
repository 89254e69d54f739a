/**
 * The "Add registry" / "Edit registry" form as plain data: what the user typed, a loose check of
 * the host (main validates it for real), and the contract input made from it.
 */
import type { RegistryEntry } from '../../../../src-main/core/registry/types.js';
import type { InputOf } from '../../../../src-main/ipc/contract.js';

export interface RegistryDraft {
  host: string;
  name: string;
  insecure: boolean;
  caPem: string;
}

export const emptyRegistryDraft: RegistryDraft = { host: '', name: '', insecure: false, caPem: '' };

export function draftOf(entry: RegistryEntry): RegistryDraft {
  return { host: entry.host, name: entry.name, insecure: entry.insecure, caPem: entry.caPem ?? '' };
}

// host[:port], a bracketed IPv6 address with an optional port, nothing else.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?$/;
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/**
 * Why the host cannot be right, or undefined when it may be. Catches what people paste from a
 * browser (a scheme, a path); anything subtler is main's to say.
 */
export function hostProblem(host: string): string | undefined {
  const value = host.trim();
  if (value === '') return undefined;
  if (SCHEME.test(value))
    return 'Leave out the scheme: write the host as image references do, e.g. registry.example.com:5000';
  if (value.includes('/')) return 'Only the host (and port), without a path: e.g. registry.example.com';
  if (!HOST.test(value)) return 'Not a host name: e.g. registry.example.com, 127.0.0.1:5000 or [::1]:5000';
  return undefined;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/** Loopback registries are spoken to over plain HTTP anyway, as dockerd does. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim());
}

export function looksLikePem(text: string): boolean {
  return /-----BEGIN CERTIFICATE-----/.test(text);
}

export function isRegistryDraftReady(draft: RegistryDraft): boolean {
  return draft.host.trim() !== '' && hostProblem(draft.host) === undefined;
}

export function draftToAddInput(draft: RegistryDraft): InputOf<'registries.add'> {
  const name = draft.name.trim();
  const caPem = draft.caPem.trim();
  return {
    host: draft.host.trim(),
    ...(name ? { name } : {}),
    insecure: draft.insecure,
    ...(caPem ? { caPem: `${caPem}\n` } : {}),
  };
}

/** Only what changed; an emptied CA box removes the CA (null), as the contract says. */
export function draftToUpdateInput(
  before: RegistryEntry,
  draft: RegistryDraft,
): InputOf<'registries.update'> {
  const name = draft.name.trim();
  const caPem = draft.caPem.trim();
  const beforeCa = (before.caPem ?? '').trim();
  return {
    host: before.host,
    ...(name && name !== before.name ? { name } : {}),
    ...(draft.insecure !== before.insecure ? { insecure: draft.insecure } : {}),
    ...(caPem !== beforeCa ? { caPem: caPem ? `${caPem}\n` : null } : {}),
  };
}

export type RegistryField = 'host' | 'name' | 'caPem';

/**
 * Where an add/update error belongs: INVALID_INPUT under the field its details name (schema
 * issues carry a path; main's own checks name the key), CONFLICT (already added) under the host.
 */
export function registryFieldOf(error: { code: string; details?: unknown }): RegistryField | undefined {
  if (error.code === 'CONFLICT') return 'host';
  if (error.code !== 'INVALID_INPUT' && error.code !== 'INVALID_REFERENCE') return undefined;
  const { details } = error;
  const fields: readonly RegistryField[] = ['host', 'name', 'caPem'];
  if (Array.isArray(details)) {
    const issue: unknown = details[0];
    if (typeof issue === 'object' && issue !== null && 'path' in issue && Array.isArray(issue.path)) {
      const first: unknown = issue.path[0];
      const field = fields.find((name) => name === first);
      if (field) return field;
    }
  } else if (typeof details === 'object' && details !== null) {
    const field = fields.find((name) => Object.hasOwn(details, name));
    if (field) return field;
  }
  // A bad reference can only be about the host: it is the one part of the input that is one.
  return error.code === 'INVALID_REFERENCE' ? 'host' : undefined;
}
