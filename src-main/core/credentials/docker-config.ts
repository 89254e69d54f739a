import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../settings/atomic-write.js';
import { CredentialError } from './errors.js';
import { configKeyHost, serverAddress } from './host.js';
import type { Credential } from './types.js';

/**
 * One `auths` entry as docker reads it (cli/config/types.AuthConfig): `auth` is base64 `user:password`
 * and wins over the plain `username`/`password` fields; `{}` is the placeholder docker leaves when the
 * secret went to a helper. Other fields (`email`) are kept as they are.
 */
const authEntrySchema = z.looseObject({
  auth: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  identitytoken: z.string().optional(),
  registrytoken: z.string().optional(),
});
export type AuthEntry = z.infer<typeof authEntrySchema>;

/** The parts of config.json credentials depend on. Everything else is carried through untouched. */
const credentialFieldsSchema = z.looseObject({
  auths: z.record(z.string(), authEntrySchema).nullish(),
  credsStore: z.string().nullish(),
  credHelpers: z.record(z.string(), z.string()).nullish(),
});

/** config.json as read: the whole parsed object (so a write keeps every key) plus typed views of ours. */
export interface DockerConfig {
  file: string;
  exists: boolean;
  raw: Record<string, unknown>;
  auths: Record<string, AuthEntry>;
  credsStore: string | undefined;
  credHelpers: Record<string, string>;
}

export function dockerConfigFile(configDir: string): string {
  return join(configDir, 'config.json');
}

/** Reads config.json; a missing file is an empty config, as for the docker CLI. */
export async function readDockerConfig(file: string): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // ENOTDIR: a file where a folder of the path should be; nothing to read, and a write will say why.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return viewOf(file, false, {});
    throw invalid(file, `cannot be read: ${(error as Error).message}`, error);
  }
  // The docker CLI reads an empty file as an empty config.
  if (text.trim() === '') return viewOf(file, true, {});
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `is not valid JSON: ${(error as Error).message}`, error);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(file, 'is not a JSON object');
  }
  return viewOf(file, true, json as Record<string, unknown>);
}

function viewOf(file: string, exists: boolean, raw: Record<string, unknown>): DockerConfig {
  const parsed = credentialFieldsSchema.safeParse(raw);
  if (!parsed.success) throw invalid(file, `has fields of the wrong type: ${z.prettifyError(parsed.error)}`);
  const { auths, credsStore, credHelpers } = parsed.data;
  return {
    file,
    exists,
    raw,
    auths: auths ?? {},
    credsStore: credsStore || undefined,
    credHelpers: credHelpers ?? {},
  };
}

/** Writes the config back as the docker CLI formats it (tab-indented), atomically, mode 0600. */
export async function writeDockerConfig(config: DockerConfig): Promise<void> {
  try {
    await writeFileAtomic(config.file, JSON.stringify(config.raw, null, '\t'));
  } catch (error) {
    throw new CredentialError(
      'CONFIG_NOT_WRITABLE',
      `Could not save ${config.file}: ${(error as Error).message}`,
      { file: config.file },
      { cause: error },
    );
  }
}

/**
 * The `auths` entry that holds `host`'s credential: docker's own key first (the host, or
 * `https://index.docker.io/v1/` for Hub), then any key that names the same host with a scheme or
 * an API path (`https://127.0.0.1:5000`, `registry-1.docker.io`), in file order. Empty placeholders
 * are passed over.
 */
export function authEntryFor(
  config: DockerConfig,
  host: string,
): { key: string; credential: Credential } | undefined {
  const exact = serverAddress(host);
  const keys = [exact, ...Object.keys(config.auths).filter((key) => key !== exact)];
  for (const key of keys) {
    const entry = config.auths[key];
    if (!entry) continue;
    const { host: keyHost, login } = configKeyHost(key);
    if (keyHost !== host || !login) continue;
    const credential = entryCredential(config.file, key, entry);
    if (credential) return { key, credential };
  }
  return undefined;
}

/** Every `auths` key that stands for `host` (to remove them all on logout). */
export function authKeysFor(config: DockerConfig, host: string): string[] {
  return Object.keys(config.auths).filter((key) => {
    const { host: keyHost, login } = configKeyHost(key);
    return keyHost === host && login;
  });
}

/** The credential an entry holds, or undefined for a placeholder. */
export function entryCredential(file: string, key: string, entry: AuthEntry): Credential | undefined {
  const credential: Credential = {};
  const { username, password } = entry.auth
    ? decodeAuth(file, key, entry.auth)
    : { username: entry.username, password: entry.password };
  if (username) credential.username = username;
  if (password) credential.password = password;
  if (entry.identitytoken) credential.identityToken = entry.identitytoken;
  if (entry.registrytoken) credential.registryToken = entry.registrytoken;
  return Object.keys(credential).length > 0 ? credential : undefined;
}

/** A new entry for `credential`, keeping the fields of `previous` that are not credentials (`email`). */
export function authEntry(credential: Credential, previous: AuthEntry | undefined): AuthEntry {
  const { auth, username, password, identitytoken, registrytoken, ...kept } = previous ?? {};
  const entry: AuthEntry = { ...kept };
  if (credential.username || credential.password) entry.auth = encodeAuth(credential);
  if (credential.identityToken) entry.identitytoken = credential.identityToken;
  if (credential.registryToken) entry.registrytoken = credential.registryToken;
  return entry;
}

function encodeAuth(credential: Credential): string {
  return Buffer.from(`${credential.username ?? ''}:${credential.password ?? ''}`, 'utf8').toString('base64');
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** docker's decodeAuth: strict base64 of `user:password`; the user may not be empty. */
function decodeAuth(file: string, key: string, auth: string): { username: string; password: string } {
  if (!BASE64.test(auth)) throw invalid(file, `auths["${key}"].auth is not base64`);
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw invalid(file, `auths["${key}"].auth is not base64 of "user:password"`);
  // docker trims NUL padding some old tools left after the password.
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1).replace(/^\0+|\0+$/g, '') };
}

function invalid(file: string, problem: string, cause?: unknown): CredentialError {
  return new CredentialError(
    'DOCKER_CONFIG_INVALID',
    `The docker config ${file} ${problem}`,
    { file },
    cause === undefined ? undefined : { cause },
  );
}
