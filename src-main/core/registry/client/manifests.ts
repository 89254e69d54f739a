import { digestMismatch, digestOf, splitDigest } from '../../oci/digest.js';
import type { Manifest } from '../../oci/manifest.js';
import { manifestDigest, verifyManifestDigest } from '../../oci/manifest-digest.js';
import { baseMediaType, MANIFEST_ACCEPT_HEADER } from '../../oci/media-types.js';
import { parseManifest } from '../../oci/parse-manifest.js';
import { parseDigest } from '../../reference/index.js';
import { RegistryError } from '../errors.js';
import type { ResponseHeaders } from '../transport/types.js';
import type { ClientContext } from './context.js';
import { MANIFEST_MAX_BYTES } from './limits.js';
import { checkManifestReference, checkRepository, pullScope } from './names.js';
import { readServed } from './oci-errors.js';
import { parseRateLimit } from './rate-limit.js';

export interface FetchedManifest {
  /** Exactly as served. */
  bytes: Buffer;
  /** Computed from the bytes; equal to the digest asked for, when one was. */
  digest: string;
  mediaType: string;
  manifest: Manifest;
  /** Things worth telling a user that did not stop us (a Docker-Content-Digest that disagrees). */
  warnings: string[];
}

export interface ManifestHeadResult {
  digest: string;
  mediaType: string;
  size: number;
}

/**
 * `GET /v2/<repo>/manifests/<tag|digest>` with every manifest type in Accept, at most 4 MiB
 * (TOO_LARGE past it). The digest is computed from the bytes, and must equal the one asked for
 * (DIGEST_MISMATCH). `Docker-Content-Digest` is only compared, to warn: it is the registry's word,
 * and the bytes are the evidence. Manifests fetched by digest come from the content cache when it
 * has them (after a HEAD confirms the repository holds them, unless they were just listed in one of
 * its indexes); manifests read by digest are cached under it (content never changes).
 */
export interface ManifestGetOptions {
  signal?: AbortSignal;
  /**
   * The digest was just read from an index of this same repository, so the registry has it and the
   * cache may answer alone. Otherwise the cache answers only after a HEAD: content never changes, but
   * whether this repository (still) holds it does, and a digest seen elsewhere proves nothing here.
   */
  fromIndex?: boolean;
}

export async function manifestGet(
  ctx: ClientContext,
  repo: string,
  reference: string,
  opts: ManifestGetOptions = {},
): Promise<FetchedManifest> {
  const { signal } = opts;
  checkRepository(repo);
  const wanted = checkManifestReference(reference);
  if (wanted.kind === 'digest' && ctx.cache) {
    const cached = await ctx.cache.get(wanted.value);
    if (cached) {
      if (!opts.fromIndex) await manifestHead(ctx, repo, wanted.value, signal);
      const manifest = readServed(ctx.host, 'a cached manifest', () => parseManifest(cached));
      return { bytes: cached, digest: wanted.value, mediaType: manifest.mediaType, manifest, warnings: [] };
    }
  }
  const response = await ctx.transport.request({
    method: 'GET',
    path: `/v2/${repo}/manifests/${wanted.value}`,
    headers: { accept: MANIFEST_ACCEPT_HEADER },
    scopes: [pullScope(repo)],
    ...(signal ? { signal } : {}),
  });
  noteRateLimit(ctx, response.headers);
  const bytes = await response.bytes(MANIFEST_MAX_BYTES);
  const what = `the manifest ${repo}${wanted.kind === 'digest' ? '@' : ':'}${wanted.value}`;
  const { manifest, digest } = readServed(ctx.host, what, () =>
    identify(
      bytes,
      header(response.headers, 'content-type'),
      wanted.kind === 'digest' ? wanted.value : undefined,
    ),
  );
  const warnings = compareHeaderDigest(ctx.host, response.headers, digest);
  // Kept only when asked for by digest (platform manifests of an index, pinned references): a tag
  // is asked again every time, since it may have moved, so its manifest would be written for nothing.
  // A signed schema 1 manifest's digest is not the hash of its bytes: the cache could not verify it.
  if (ctx.cache && wanted.kind === 'digest' && !(manifest.kind === 'schema1' && manifest.signed)) {
    // Written in the background: the caller has the bytes, and the disk should not pace the network.
    void ctx.cache.put(digest, bytes).catch(() => {});
  }
  return { bytes, digest, mediaType: manifest.mediaType, manifest, warnings };
}

/**
 * `HEAD /v2/<repo>/manifests/<ref>`: what a tag points at without downloading it (and, on Docker
 * Hub, without counting against the pull limit). A HEAD has no bytes to hash, so the digest is
 * the registry's `Docker-Content-Digest`; when it is missing or malformed, a GET computes it.
 */
export async function manifestHead(
  ctx: ClientContext,
  repo: string,
  reference: string,
  signal?: AbortSignal,
): Promise<ManifestHeadResult> {
  checkRepository(repo);
  const wanted = checkManifestReference(reference);
  const response = await ctx.transport.request({
    method: 'HEAD',
    path: `/v2/${repo}/manifests/${wanted.value}`,
    headers: { accept: MANIFEST_ACCEPT_HEADER },
    scopes: [pullScope(repo)],
    ...(signal ? { signal } : {}),
  });
  await response.dump();
  noteRateLimit(ctx, response.headers);
  const digest = wanted.kind === 'digest' ? wanted.value : headerDigest(response.headers);
  const contentType = header(response.headers, 'content-type');
  const size = Number(header(response.headers, 'content-length'));
  if (digest === undefined || !contentType || !Number.isSafeInteger(size)) {
    const fetched = await manifestGet(ctx, repo, reference, signal ? { signal } : {});
    return { digest: fetched.digest, mediaType: fetched.mediaType, size: fetched.bytes.length };
  }
  return { digest, mediaType: baseMediaType(contentType), size };
}

/**
 * `DELETE /v2/<repo>/manifests/<digest>`. The distribution API deletes manifests, not tags: every
 * tag pointing at the digest goes with it (see deletePlan), and a tag alone cannot be removed.
 * Registries with deletion turned off answer UNSUPPORTED; the outcome is remembered for capabilities().
 */
export async function manifestDelete(
  ctx: ClientContext,
  repo: string,
  digest: string,
  signal?: AbortSignal,
): Promise<void> {
  checkRepository(repo);
  parseDigest(digest);
  try {
    const response = await ctx.transport.request({
      method: 'DELETE',
      path: `/v2/${repo}/manifests/${digest}`,
      scopes: [`repository:${repo}:delete`],
      ...(signal ? { signal } : {}),
    });
    await response.dump();
    ctx.state.deletion = 'enabled';
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'UNSUPPORTED') ctx.state.deletion = 'disabled';
    throw error;
  }
}

/**
 * Parses the bytes and names them by digest. When a digest was asked for, the bytes are checked
 * against it before anything else, so tampered content is DIGEST_MISMATCH even when it no longer
 * parses; only a signed schema 1 manifest, named by its payload, needs parsing first.
 */
function identify(
  bytes: Buffer,
  contentType: string | undefined,
  expected: string | undefined,
): { manifest: Manifest; digest: string } {
  if (expected === undefined) {
    const manifest = parseManifest(bytes, contentType);
    return { manifest, digest: manifestDigest(bytes, manifest) };
  }
  const actual = digestOf(bytes, splitDigest(expected).algorithm);
  if (actual === expected) return { manifest: parseManifest(bytes, contentType), digest: expected };
  let manifest: Manifest;
  try {
    manifest = parseManifest(bytes, contentType);
  } catch {
    // Neither a manifest nor the bytes asked for: the mismatch is the finding, not the syntax.
    throw digestMismatch('manifest', expected, actual);
  }
  return { manifest, digest: verifyManifestDigest(bytes, manifest, expected) };
}

function compareHeaderDigest(host: string, headers: ResponseHeaders, computed: string): string[] {
  const claimed = header(headers, 'docker-content-digest');
  if (claimed === undefined || claimed === computed) return [];
  return [
    `${host} said the manifest's digest is ${claimed.slice(0, 200)}, but its bytes hash to ${computed}.`,
  ];
}

function headerDigest(headers: ResponseHeaders): string | undefined {
  const value = header(headers, 'docker-content-digest');
  if (value === undefined) return undefined;
  try {
    return parseDigest(value.trim());
  } catch {
    return undefined;
  }
}

function noteRateLimit(ctx: ClientContext, headers: ResponseHeaders): void {
  const rateLimit = parseRateLimit(headers);
  if (rateLimit) ctx.state.rateLimit = rateLimit;
}

export function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
