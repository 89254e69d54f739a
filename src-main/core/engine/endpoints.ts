import { createHash } from 'node:crypto';
import { access, readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseEngineUrl } from './engine-url.js';
import type { EngineEndpoint } from './types.js';

/** Where the docker CLI keeps config.json and its contexts: DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  if (env.DOCKER_CONFIG) return env.DOCKER_CONFIG;
  return join(env.HOME || env.USERPROFILE || homedir(), '.docker');
}

/** A source we could not use, and why: shown to the user instead of crashing on it. */
export interface SkippedEndpoint {
  source: string;
  reason: string;
}

export interface DiscoveredEndpoints {
  endpoints: EngineEndpoint[];
  /** The endpoint the docker CLI would use with the same environment. */
  preferredId: string;
  skipped: SkippedEndpoint[];
}

const DEFAULT_UNIX_URL = 'unix:///var/run/docker.sock';
const DEFAULT_NPIPE_URL = 'npipe:////./pipe/docker_engine';

/**
 * Finds the engines the docker CLI knows about: DOCKER_HOST, every context in the CLI's
 * context store, and the platform's default socket. The preference follows the CLI:
 * DOCKER_HOST, then DOCKER_CONTEXT, then config.json's currentContext, then the default.
 */
export async function discoverEndpoints(opts: {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}): Promise<DiscoveredEndpoints> {
  const { env } = opts;
  const configDir = dockerConfigDir(env);
  const skipped: SkippedEndpoint[] = [];

  const fromEnv = envEndpoint(env, configDir, skipped);
  const contexts = await contextEndpoints(configDir, skipped);
  const fallback: EngineEndpoint = {
    id: 'default',
    name: 'default',
    url: (opts.platform ?? process.platform) === 'win32' ? DEFAULT_NPIPE_URL : DEFAULT_UNIX_URL,
    source: 'default',
  };
  const endpoints = [...(fromEnv ? [fromEnv] : []), ...contexts, fallback];

  let preferredId = fallback.id;
  if (fromEnv) {
    preferredId = fromEnv.id;
  } else {
    const wanted = env.DOCKER_CONTEXT
      ? { name: env.DOCKER_CONTEXT, from: 'DOCKER_CONTEXT' }
      : await currentContext(configDir, skipped);
    if (wanted && wanted.name !== 'default') {
      const found = contexts.find((endpoint) => endpoint.name === wanted.name);
      if (found) preferredId = found.id;
      else
        skipped.push({ source: wanted.from, reason: `names context "${wanted.name}", which does not exist` });
    }
  }
  return { endpoints, preferredId, skipped };
}

function envEndpoint(
  env: NodeJS.ProcessEnv,
  configDir: string,
  skipped: SkippedEndpoint[],
): EngineEndpoint | undefined {
  const host = env.DOCKER_HOST?.trim();
  if (!host) return undefined;
  // The CLI reads a bare `host:port` as tcp.
  const url = host.includes('://') ? host : `tcp://${host}`;
  try {
    parseEngineUrl(url);
  } catch (error) {
    skipped.push({ source: 'DOCKER_HOST', reason: (error as Error).message });
    return undefined;
  }
  const endpoint: EngineEndpoint = { id: 'env', name: 'DOCKER_HOST', url, source: 'env' };
  if (!/^(tcp|https?):/.test(url)) return endpoint;
  // As the docker client: DOCKER_TLS_VERIFY turns TLS on with verification (certs default to the
  // config dir); DOCKER_CERT_PATH or DOCKER_TLS alone turn TLS on without it.
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  const certPath = env.DOCKER_CERT_PATH || (verify ? configDir : undefined);
  if (certPath) endpoint.tlsCertPath = certPath;
  if (verify) endpoint.tlsVerify = true;
  else if (certPath || env.DOCKER_TLS) endpoint.tlsVerify = false;
  return endpoint;
}

/** `contexts/meta/<sha256(name)>/meta.json`, as `docker context create` writes it. */
const contextMetaSchema = z.object({
  Name: z.string().min(1),
  Endpoints: z.object({
    docker: z.object({ Host: z.string().optional(), SkipTLSVerify: z.boolean().optional() }).optional(),
  }),
});

async function contextEndpoints(configDir: string, skipped: SkippedEndpoint[]): Promise<EngineEndpoint[]> {
  const metaRoot = join(configDir, 'contexts', 'meta');
  let dirs: string[];
  try {
    dirs = await readdir(metaRoot);
  } catch {
    return []; // no context was ever created
  }
  const endpoints: EngineEndpoint[] = [];
  for (const dir of dirs.sort()) {
    const file = join(metaRoot, dir, 'meta.json');
    const result = await readContext(configDir, file);
    if ('reason' in result) skipped.push({ source: file, reason: result.reason });
    else endpoints.push(result);
  }
  return endpoints.sort((a, b) => a.name.localeCompare(b.name));
}

async function readContext(configDir: string, file: string): Promise<EngineEndpoint | { reason: string }> {
  let meta: z.infer<typeof contextMetaSchema>;
  try {
    const parsed = contextMetaSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success) return { reason: 'not a docker context (no Name or Endpoints)' };
    meta = parsed.data;
  } catch (error) {
    return { reason: `unreadable: ${(error as Error).message}` };
  }
  const docker = meta.Endpoints.docker;
  if (!docker?.Host) return { reason: `context "${meta.Name}" has no Docker endpoint` };
  try {
    parseEngineUrl(docker.Host);
  } catch (error) {
    return { reason: `context "${meta.Name}": ${(error as Error).message}` };
  }
  const endpoint: EngineEndpoint = {
    id: `context:${meta.Name}`,
    name: meta.Name,
    url: docker.Host,
    source: 'context',
  };
  if (!/^(tcp|https?):/.test(docker.Host)) return endpoint;
  const tlsDir = join(configDir, 'contexts', 'tls', contextDirName(meta.Name), 'docker');
  if (await hasTlsMaterial(tlsDir)) {
    endpoint.tlsCertPath = tlsDir;
    endpoint.tlsVerify = !docker.SkipTLSVerify;
  } else if (docker.SkipTLSVerify) {
    // The CLI speaks TLS without verification to a context that skips verification and has no certs.
    endpoint.tlsVerify = false;
  }
  return endpoint;
}

/** The CLI names a context's folders by the SHA-256 of its name. */
function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

async function hasTlsMaterial(dir: string): Promise<boolean> {
  for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
    try {
      await access(join(dir, file));
      return true;
    } catch {
      // try the next one
    }
  }
  return false;
}

const configSchema = z.object({ currentContext: z.string().optional() });

async function currentContext(
  configDir: string,
  skipped: SkippedEndpoint[],
): Promise<{ name: string; from: string } | undefined> {
  const file = join(configDir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined; // no config.json: the CLI uses the default context
  }
  try {
    const parsed = configSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      skipped.push({ source: file, reason: 'currentContext is not a string' });
      return undefined;
    }
    return parsed.data.currentContext ? { name: parsed.data.currentContext, from: file } : undefined;
  } catch (error) {
    skipped.push({ source: file, reason: `unreadable: ${(error as Error).message}` });
    return undefined;
  }
}
