/**
 * The "Add engine" form as plain data: what the user typed, the `engines.add` input made from
 * it, and which field an error from main belongs under (by code and details, never by message).
 */
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { InputOf } from '../../../../src-main/ipc/contract.js';
import { schemeOf } from './engine-labels.js';

export interface EngineDraft {
  name: string;
  url: string;
  tlsCertPath: string;
  tlsVerify: boolean;
}

export const emptyDraft: EngineDraft = { name: '', url: '', tlsCertPath: '', tlsVerify: true };

/** Shown under the URL field: every scheme main can dial, each with an example. */
export const URL_EXAMPLES = [
  'unix:///var/run/docker.sock',
  'tcp://host:2376',
  'ssh://user@host',
  'npipe:////./pipe/docker_engine',
] as const;

/** Certificates and verification only mean something over TCP. */
export function takesTls(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme === 'tcp' || scheme === 'https';
}

/** Both required fields have something in them; the rest is main's to judge. */
export function isDraftComplete(draft: EngineDraft): boolean {
  return draft.name.trim() !== '' && draft.url.trim() !== '';
}

/**
 * The `engines.add` input. Over TCP, main speaks TLS with a certificate folder, with
 * verification on (DOCKER_TLS_VERIFY=1) or on port 2376; verification off without a folder
 * on another port is plain TCP, as the docker CLI does with neither variable set.
 */
export function draftToInput(draft: EngineDraft): InputOf<'engines.add'> {
  const input = { name: draft.name.trim(), url: draft.url.trim() };
  if (!takesTls(input.url)) return input;
  const tlsCertPath = draft.tlsCertPath.trim();
  return { ...input, ...(tlsCertPath === '' ? {} : { tlsCertPath }), tlsVerify: draft.tlsVerify };
}

export type DraftField = 'name' | 'url' | 'tlsCertPath';

export interface FieldError {
  field: DraftField;
  message: string;
}

const FIELDS: readonly DraftField[] = ['name', 'url', 'tlsCertPath'];

function isField(value: unknown): value is DraftField {
  return typeof value === 'string' && (FIELDS as readonly string[]).includes(value);
}

/**
 * Where an `engines.add` error goes: CONFLICT (a name taken) under the name; INVALID_INPUT
 * under the field its details name (schema issues carry a path, main's own checks the key of
 * the bad value). Anything else (the backend gone, say) is not about a field: undefined.
 */
export function fieldErrorOf(error: ErrorShape): FieldError | undefined {
  if (error.code === 'CONFLICT') return { field: 'name', message: error.message };
  if (error.code !== 'INVALID_INPUT') return undefined;
  const { details } = error;
  if (Array.isArray(details)) {
    const issue: unknown = details[0];
    if (typeof issue === 'object' && issue !== null && 'path' in issue && Array.isArray(issue.path)) {
      const field: unknown = issue.path[0];
      const message = 'message' in issue && typeof issue.message === 'string' ? issue.message : error.message;
      // The schema's own words ("a name is required"), without main's "engines.add: url:" prefix.
      if (isField(field)) return { field, message: capitalize(message) };
    }
    return undefined;
  }
  if (typeof details === 'object' && details !== null) {
    const field = FIELDS.find((name) => Object.hasOwn(details, name));
    if (field) return { field, message: error.message };
  }
  return undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
