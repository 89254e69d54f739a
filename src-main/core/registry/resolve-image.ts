import { InvalidInputError } from '../errors.js';
import { type ImageConfig, parseImageConfig } from '../oci/config.js';
import type { Descriptor } from '../oci/descriptor.js';
import { defaultPlatformEntry, runnableEntries, selectPlatformEntry } from '../oci/index-platforms.js';
import type { ImageManifest, Schema1Manifest } from '../oci/manifest.js';
import { DOCKER_LAYER_GZIP, isConfigType } from '../oci/media-types.js';
import { formatPlatform, type Platform, platformMatches } from '../oci/platform.js';
import type { ImageRef } from '../reference/index.js';
import { CONFIG_MAX_BYTES } from './client/limits.js';
import type { FetchedManifest } from './client/manifests.js';
import { readServed } from './client/oci-errors.js';
import type { RegistryClient } from './client/registry-client.js';
import { RegistryError } from './errors.js';
import type { LayerInfo } from './types.js';

/** What a tag or digest resolves to, down to the one image shown (the platform's, for an index). */
export interface ResolvedImage {
  /** The manifest or index the reference names. */
  top: FetchedManifest;
  /** An index's entries that are images for a platform (attestations left out); empty otherwise. */
  entries: Descriptor[];
  /** The image manifest shown: the chosen platform's, or the top one. Null if there is none. */
  shown: { digest: string; manifest: ImageManifest | Schema1Manifest } | null;
  platform?: Platform;
  config: ImageConfig | null;
  layers: LayerInfo[];
  /** Bytes of the shown image's config and layers. */
  size: number;
}

/** The repository of `ref` in `client`'s registry; a reference to another registry is refused. */
export function repositoryOf(client: RegistryClient, ref: ImageRef): string {
  if (ref.domain !== client.host) {
    throw new InvalidInputError(`${ref.domain}/${ref.path} is not on ${client.host}`, { host: client.host });
  }
  return ref.path;
}

/**
 * Fetches `reference` and, for an index, the manifest of `platform` (default: linux/amd64, else
 * the first that is not an attestation), then its config (through the content cache). NOT_FOUND
 * when the index has no manifest for an asked-for platform, naming those it has.
 */
export async function resolveImage(
  client: RegistryClient,
  repo: string,
  reference: string,
  platform?: Platform,
  signal?: AbortSignal,
): Promise<ResolvedImage> {
  const top = await client.manifestGet(repo, reference, signal ? { signal } : {});
  if (top.manifest.kind !== 'index') {
    const shown = { digest: top.digest, manifest: top.manifest };
    const described = await describe(client, repo, shown.manifest, signal);
    // A single image is for one platform: asking for another is as missing as in an index.
    if (platform && described.platform && !platformMatches(platform, described.platform)) {
      throw noSuchPlatform(client, repo, reference, platform, [described.platform]);
    }
    return { top, entries: [], shown, ...described };
  }
  const entries = runnableEntries(top.manifest).filter((entry) => entry.platform !== undefined);
  const chosen = platform ? selectPlatformEntry(top.manifest, platform) : defaultPlatformEntry(top.manifest);
  if (!chosen) {
    if (!platform) return { top, entries, shown: null, config: null, layers: [], size: 0 };
    throw noSuchPlatform(
      client,
      repo,
      reference,
      platform,
      entries.map((entry) => entry.platform!),
    );
  }
  const child = await client.manifestGet(repo, chosen.digest, {
    fromIndex: true,
    ...(signal ? { signal } : {}),
  });
  if (child.manifest.kind === 'index') {
    return { top, entries, shown: null, ...platformOf(chosen), config: null, layers: [], size: 0 };
  }
  const shown = { digest: child.digest, manifest: child.manifest };
  const described = await describe(client, repo, child.manifest, signal);
  return { top, entries, shown, ...described, ...platformOf(chosen) };
}

function noSuchPlatform(
  client: RegistryClient,
  repo: string,
  reference: string,
  wanted: Platform,
  available: Platform[],
): RegistryError {
  const name = `${repo}${reference.includes(':') ? '@' : ':'}${reference}`;
  const list = available.map(formatPlatform).join(', ') || 'none';
  return new RegistryError('NOT_FOUND', `${name} has no ${formatPlatform(wanted)} image (it has ${list}).`, {
    details: { host: client.host, platform: formatPlatform(wanted) },
  });
}

function platformOf(entry: Descriptor): { platform?: Platform } {
  return entry.platform ? { platform: entry.platform } : {};
}

async function describe(
  client: RegistryClient,
  repo: string,
  manifest: ImageManifest | Schema1Manifest,
  signal?: AbortSignal,
): Promise<Pick<ResolvedImage, 'config' | 'layers' | 'size' | 'platform'>> {
  if (manifest.kind === 'schema1') return describeSchema1(client.host, manifest);
  const layers = manifest.layers.map(({ digest, mediaType, size }) => ({ digest, mediaType, size }));
  const size = manifest.config.size + layers.reduce((sum, layer) => sum + layer.size, 0);
  if (!isConfigType(manifest.config.mediaType)) return { config: null, layers, size };
  const bytes = await client.blobGet(repo, manifest.config.digest, CONFIG_MAX_BYTES, signal);
  const config = readServed(client.host, `the image config ${manifest.config.digest}`, () =>
    parseImageConfig(bytes),
  );
  return { config, layers, size, ...configPlatform(config) };
}

/** Schema 1 keeps its config in the newest history entry and has no layer sizes. */
function describeSchema1(
  host: string,
  manifest: Schema1Manifest,
): Pick<ResolvedImage, 'config' | 'layers' | 'size' | 'platform'> {
  const newest = manifest.history[0];
  const config =
    newest === undefined
      ? null
      : readServed(host, 'a schema 1 manifest', () => parseImageConfig(Buffer.from(newest)));
  const layers = [...manifest.fsLayers]
    .reverse()
    .map((digest) => ({ digest, mediaType: DOCKER_LAYER_GZIP, size: 0 }));
  return {
    config,
    layers,
    size: 0,
    platform: { os: config?.os ?? 'linux', architecture: manifest.architecture },
  };
}

function configPlatform(config: ImageConfig): { platform?: Platform } {
  if (!config.os || !config.architecture) return {};
  return {
    platform: {
      os: config.os,
      architecture: config.architecture,
      ...(config.variant ? { variant: config.variant } : {}),
    },
  };
}
