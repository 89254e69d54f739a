import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dockerConfigDir } from '../../engine/endpoints.js';
import { NotaryError } from './errors.js';

/** Docker Hub's notary, the docker CLI's default for docker.io. */
export const DOCKER_HUB_NOTARY_URL = 'https://notary.docker.io';
/** Docker announced that Docker Hub's notary service (DCT) shuts down on this day. */
export const DOCKER_HUB_NOTARY_SHUTDOWN = '2026-12-08';

/** A notary server the user set for one registry (Settings → Trust → Notary servers). */
export interface NotaryServerSetting {
  /** The registry host as references write it: `docker.io`, `registry.example:5000`. */
  registry: string;
  url: string;
  /** PEM of the CA that signed the server's certificate, when it is not in the docker config dir. */
  caPem?: string;
}

/**
 * Where the URL came from, in the order that wins: the caller (`--notary`), the user's setting
 * for the registry, `DOCKER_CONTENT_TRUST_SERVER`, Docker Hub's default, the registry host itself
 * (the docker CLI's default for every other registry).
 */
export type NotaryServerSource = 'argument' | 'setting' | 'env' | 'docker-hub' | 'registry';

export interface NotaryServer {
  /** `https://host[:port]`. */
  url: string;
  source: NotaryServerSource;
  /** Extra CA(s) to trust, PEM; the system's CAs are trusted too. */
  caPem?: string;
  /** Where caPem came from: `argument`, `setting`, or the docker config dir's files. */
  caSource?: string;
  /** Where the docker CLI looks for this server's CA: `<docker config>/tls/<host:port>/`. */
  caDir: string;
  /** Set for Docker Hub's notary: its shutdown. */
  retirement?: { date: string; retired: boolean; message: string };
}

export interface ResolveServerOptions {
  env: NodeJS.ProcessEnv;
  settings?: readonly NotaryServerSetting[];
  /** `--notary URL` / `--notary-ca PEM`: wins over everything. */
  override?: { url?: string; caPem?: string };
  now: Date;
}

/** The notary server for a registry, as the docker CLI picks it (cli/trust `Server`), and its CA. */
export async function resolveNotaryServer(
  registry: string,
  opts: ResolveServerOptions,
): Promise<NotaryServer> {
  const setting = opts.settings?.find((entry) => entry.registry.toLowerCase() === registry.toLowerCase());
  const envUrl = opts.env.DOCKER_CONTENT_TRUST_SERVER?.trim();
  let url: string;
  let source: NotaryServerSource;
  if (opts.override?.url) [url, source] = [opts.override.url, 'argument'];
  else if (setting) [url, source] = [setting.url, 'setting'];
  else if (envUrl) [url, source] = [envUrl, 'env'];
  else if (registry === 'docker.io') [url, source] = [DOCKER_HUB_NOTARY_URL, 'docker-hub'];
  else [url, source] = [`https://${registry}`, 'registry'];

  const origin = notaryOrigin(url, source);
  const caDir = join(dockerConfigDir(opts.env), 'tls', new URL(origin).host);
  const server: NotaryServer = { url: origin, source, caDir };
  const explicitCa = opts.override?.caPem ?? (source === 'setting' ? setting?.caPem : undefined);
  if (explicitCa) {
    server.caPem = explicitCa;
    server.caSource = opts.override?.caPem ? 'argument' : 'setting';
  } else {
    const fromDir = await readCaDir(caDir);
    if (fromDir) [server.caPem, server.caSource] = [fromDir.pem, fromDir.files.join(', ')];
  }
  if (origin === DOCKER_HUB_NOTARY_URL) server.retirement = hubRetirement(opts.now);
  return server;
}

/** The server URL reduced to its origin; anything but `https://host[:port]` is refused, as docker does. */
export function notaryOrigin(url: string, source: NotaryServerSource = 'argument'): string {
  const from = source === 'env' ? ' (DOCKER_CONTENT_TRUST_SERVER)' : '';
  const refuse = (why: string) =>
    new NotaryError('DCT_CONFIG_INVALID', `The notary server "${url.slice(0, 200)}"${from} ${why}.`, {
      url: url.slice(0, 200),
      source,
    });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('is not a URL');
  }
  if (parsed.protocol !== 'https:') throw refuse('must be an https:// URL');
  if (parsed.username || parsed.password) throw refuse('must not carry a user name or password');
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash)
    throw refuse('must be just https://host[:port], without a path');
  return parsed.origin;
}

/**
 * The docker CLI reads `*.crt` in `tls/<host:port>/` as extra CAs for the notary server
 * (registry.ReadCertsDirectory). Client certificates (`*.cert` + `*.key`) are not used here.
 */
async function readCaDir(dir: string): Promise<{ pem: string; files: string[] } | undefined> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.crt')).sort();
  } catch {
    return undefined;
  }
  if (names.length === 0) return undefined;
  const files = names.map((name) => join(dir, name));
  const texts = await Promise.all(
    files.map((file) =>
      readFile(file, 'utf8').catch((error: unknown) => {
        throw new NotaryError(
          'DCT_CONFIG_INVALID',
          `The CA file ${file} cannot be read: ${(error as Error).message}.`,
          { file },
          { cause: error },
        );
      }),
    ),
  );
  return { pem: texts.join('\n'), files };
}

function hubRetirement(now: Date): NonNullable<NotaryServer['retirement']> {
  const retired = now.getTime() >= Date.parse(`${DOCKER_HUB_NOTARY_SHUTDOWN}T00:00:00Z`);
  return {
    date: DOCKER_HUB_NOTARY_SHUTDOWN,
    retired,
    message: retired
      ? `Docker Hub's notary service (Docker Content Trust) shut down on ${DOCKER_HUB_NOTARY_SHUTDOWN}: sign images with cosign or Notation instead.`
      : `Docker Hub's notary service (Docker Content Trust) shuts down on ${DOCKER_HUB_NOTARY_SHUTDOWN}: sign images with cosign or Notation before then.`,
  };
}
