import { referrersTag } from '../../oci/attached-tags.js';
import type { Descriptor } from '../../oci/descriptor.js';
import type { ImageIndex } from '../../oci/manifest.js';
import { baseMediaType, OCI_INDEX } from '../../oci/media-types.js';
import { parseManifest } from '../../oci/parse-manifest.js';
import { parseDigest } from '../../reference/index.js';
import { RegistryError } from '../errors.js';
import type { RegistryResponse } from '../transport/types.js';
import type { ClientContext } from './context.js';
import { MANIFEST_MAX_BYTES } from './limits.js';
import { header, manifestGet } from './manifests.js';
import { checkRepository, pullScope } from './names.js';
import { readServed } from './oci-errors.js';
import { followPages } from './pagination.js';

export interface ReferrersOptions {
  /** Only referrers of this artifact type. */
  artifactType?: string;
  signal?: AbortSignal;
}

/**
 * The manifests that name `digest` as their `subject` (signatures, SBOMs, attestations). Asks the
 * OCI 1.1 referrers API first; a registry without it (a 404 page, or anything but an OCI index)
 * is remembered as such and asked through the referrers tag schema from then on: the index
 * tagged `sha256-<hex>`, which pushers maintain. No such tag means no referrers.
 */
export async function referrersList(
  ctx: ClientContext,
  repo: string,
  digest: string,
  opts: ReferrersOptions = {},
): Promise<Descriptor[]> {
  checkRepository(repo);
  parseDigest(digest);
  let referrers: Descriptor[] | null = null;
  if (ctx.state.referrersApi !== false) {
    const answer = await fromApi(ctx, repo, digest, opts.signal);
    if (answer.supported !== undefined) ctx.state.referrersApi = answer.supported;
    referrers = answer.referrers;
  }
  referrers ??= await fromTagSchema(ctx, repo, digest, opts.signal);
  return opts.artifactType === undefined
    ? referrers
    : referrers.filter((referrer) => referrer.artifactType === opts.artifactType);
}

interface ApiAnswer {
  /** Whether the registry serves the API; undefined when this answer does not tell. */
  supported: boolean | undefined;
  /** Every page of the API's answer; null when it has none to give. */
  referrers: Descriptor[] | null;
}

/** How much of a 404 body we read to tell "no such repository" from "no such endpoint". */
const NOT_FOUND_BODY_MAX = 64 * 1024;

async function fromApi(
  ctx: ClientContext,
  repo: string,
  digest: string,
  signal?: AbortSignal,
): Promise<ApiAnswer> {
  const path = `/v2/${repo}/referrers/${digest}`;
  const first = await ctx.transport.request({
    method: 'GET',
    path,
    headers: { accept: OCI_INDEX },
    scopes: [pullScope(repo)],
    allowStatus: [400, 404, 405, 406],
    ...(signal ? { signal } : {}),
  });
  if (first.status === 404) {
    // A registry with the API saying the repository does not exist: nothing refers to anything in
    // it. Any other 404 (distribution's "404 page not found") means there is no such endpoint.
    return (await isUnknownRepository(first))
      ? { supported: undefined, referrers: [] }
      : { supported: false, referrers: null };
  }
  if (first.status !== 200 || baseMediaType(header(first.headers, 'content-type') ?? '') !== OCI_INDEX) {
    await first.dump();
    return { supported: false, referrers: null };
  }
  const referrers = await readIndex(ctx, first, path);
  const next = ctx.transport.nextLink(first);
  if (next) {
    if (next.path !== path) {
      throw new RegistryError(
        'PROTOCOL_ERROR',
        `${ctx.host} pointed the next page of referrers at another path.`,
        {
          details: { host: ctx.host, path },
        },
      );
    }
    for await (const page of followPages(
      ctx,
      next,
      [pullScope(repo)],
      (r) => readIndex(ctx, r, path),
      signal,
    )) {
      referrers.push(...page);
    }
  }
  return { supported: true, referrers };
}

/** A spec error body naming NAME_UNKNOWN, as opposed to a router's "404 page not found". */
async function isUnknownRepository(response: RegistryResponse): Promise<boolean> {
  const text = (await response.bytes(NOT_FOUND_BODY_MAX).catch(() => Buffer.alloc(0))).toString('utf8');
  try {
    const body = JSON.parse(text) as { errors?: { code?: unknown }[] };
    return Array.isArray(body.errors) && body.errors.some((error) => error?.code === 'NAME_UNKNOWN');
  } catch {
    return false;
  }
}

async function readIndex(
  ctx: ClientContext,
  response: RegistryResponse,
  path: string,
): Promise<Descriptor[]> {
  const bytes = await response.bytes(MANIFEST_MAX_BYTES);
  const manifest = readServed(ctx.host, `the referrers of ${path}`, () => parseManifest(bytes, OCI_INDEX));
  return (manifest as ImageIndex).manifests;
}

async function fromTagSchema(
  ctx: ClientContext,
  repo: string,
  digest: string,
  signal?: AbortSignal,
): Promise<Descriptor[]> {
  try {
    const { manifest } = await manifestGet(ctx, repo, referrersTag(digest), signal ? { signal } : {});
    return manifest.kind === 'index' ? manifest.manifests : [];
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'NOT_FOUND') return [];
    throw error;
  }
}
