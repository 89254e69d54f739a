import { CancelledError, type ErrorShape, toErrorShape } from '../errors.js';
import { runnableEntries, selectPlatformEntry } from '../oci/index-platforms.js';
import type { ImageIndex } from '../oci/manifest.js';
import { formatPlatform, parsePlatform } from '../oci/platform.js';
import { parseReference, refString, withDefaultTag } from '../reference/index.js';
import type { RegistryClient } from '../registry/client/registry-client.js';
import { mapConcurrent } from '../registry/concurrency.js';
import { RegistryError } from '../registry/errors.js';
import { type DctLookupContext, type DctPart, dctPart, lookupDct } from './dct-report.js';
import { registrySignatures } from './registry-signatures.js';
import { trustStatus } from './status.js';
import type { TrustMaterial } from './trust-material.js';
import type { TrustReport } from './types.js';

/** Platforms of an index checked at once: each is a referrers listing and a `.sig` tag. */
const PLATFORM_CONCURRENCY = 4;

export interface TrustContext {
  /** The registry client for a host (RegistrySession.client: logins, CAs, the content cache). */
  client(host: string): RegistryClient;
  material: TrustMaterial;
  dct: Omit<DctLookupContext, 'signal'>;
  /** The time certificates and expiries are judged at (tests fix it). */
  now?: () => Date;
  signal?: AbortSignal;
}

export interface EvaluateOptions {
  /** For an index: only this platform's manifest (`os/arch[/variant]`) rather than every one. */
  platform?: string;
  /** For an index: its own signatures only (badges; the Trust tab asks for the platforms). */
  skipPlatforms?: boolean;
}

type PlatformReport = NonNullable<TrustReport['platforms']>[number];

/**
 * Everything that signs what `reference` names, verified: the tag (or digest) is resolved with
 * the registry, then its cosign and Notation signatures (referrers opened once), the
 * repository's Docker Content Trust data, and for an index each platform's manifest too.
 *
 * Status: `trustStatus` of the manifest's own signatures; an invalid signature on a platform's
 * manifest makes it `invalid` too. A registry or notary server that fails makes it `error`
 * (with `error` saying what failed) — unless a signature is invalid: that is known for certain
 * whatever else could not be checked. Never throws for a failing server; throws only on cancel,
 * a reference that does not parse, or a platform the index does not have.
 */
export async function evaluateTrust(
  reference: string,
  ctx: TrustContext,
  opts: EvaluateOptions = {},
): Promise<TrustReport> {
  const ref = withDefaultTag(parseReference(reference));
  const name = refString(ref);
  const { signal } = ctx;
  const client = ctx.client(ref.domain);
  const repo = ref.path;
  const now = ctx.now?.() ?? new Date();
  const failures: unknown[] = [];
  const attempt = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (signal?.aborted || error instanceof CancelledError) throw error;
      failures.push(error);
      return fallback;
    }
  };

  // DCT runs beside the registry: it asks another server.
  const dct = settle(lookupDct(ref, { ...ctx.dct, ...(signal ? { signal } : {}) }));
  let top: Awaited<ReturnType<RegistryClient['manifestGet']>>;
  try {
    top = await client.manifestGet(repo, ref.digest ?? (ref.tag as string), signal ? { signal } : {});
  } catch (error) {
    await dct;
    if (signal?.aborted || error instanceof CancelledError) throw error;
    return failedReport(name, ref.digest ?? '', toErrorShape(error), ctx.material);
  }
  const digest = top.digest;
  const index = top.manifest.kind === 'index' ? top.manifest : null;
  const entries = index && !opts.skipPlatforms ? platformEntries(index, name, client, opts.platform) : [];

  const [signatures, platforms, dctResult] = await Promise.all([
    attempt(
      () =>
        registrySignatures(client, { repo, digest, size: top.bytes.length }, ctx.material, { now, signal }),
      [],
    ),
    mapConcurrent(
      entries,
      PLATFORM_CONCURRENCY,
      async (entry): Promise<PlatformReport> => {
        const platform = formatPlatform(entry.platform!);
        const subject = { repo, digest: entry.digest, size: entry.size };
        try {
          const found = await registrySignatures(client, subject, ctx.material, { now, signal });
          return { platform, digest: entry.digest, status: trustStatus(found), signatures: found };
        } catch (error) {
          if (signal?.aborted || error instanceof CancelledError) throw error;
          failures.push(error);
          return { platform, digest: entry.digest, status: 'error', signatures: [] };
        }
      },
      signal,
    ),
    dct,
  ]);
  let part: DctPart = { signatures: [], dct: null, dctRoles: [], notices: [] };
  if (dctResult.ok) part = dctPart(dctResult.value, { digest, ...(ref.tag ? { tag: ref.tag } : {}) });
  else if (signal?.aborted || dctResult.error instanceof CancelledError) throw dctResult.error;
  else failures.push(dctResult.error);

  const all = [...part.signatures, ...signatures];
  const invalid = trustStatus(all) === 'invalid' || platforms.some((p) => p.status === 'invalid');
  const report: TrustReport = {
    reference: name,
    digest,
    status: invalid ? 'invalid' : trustStatus(all),
    signatures: all,
    ...(index && !opts.skipPlatforms ? { platforms } : {}),
    dct: part.dct,
    dctRoles: part.dctRoles,
    notices: [...ctx.material.notices, ...part.notices],
  };
  const [first] = failures;
  if (first !== undefined) {
    const error = toErrorShape(first);
    if (invalid)
      report.notices.push({
        code: 'TRUST_INCOMPLETE',
        message: `Not everything could be checked: ${error.message}`,
      });
    else Object.assign(report, { status: 'error', error: { code: error.code, message: error.message } });
  }
  return report;
}

/** The index's platform manifests to check: every runnable one, or the one asked for. */
function platformEntries(index: ImageIndex, name: string, client: RegistryClient, platform?: string) {
  const entries = runnableEntries(index).filter((entry) => entry.platform !== undefined);
  if (platform === undefined) return entries;
  const chosen = selectPlatformEntry(index, parsePlatform(platform));
  if (!chosen) {
    const has = entries.map((entry) => formatPlatform(entry.platform!)).join(', ');
    throw new RegistryError(
      'NOT_FOUND',
      `${name} has no image for ${platform}${has ? ` (it has ${has})` : ''}.`,
      {
        details: { host: client.host },
      },
    );
  }
  return [chosen];
}

function failedReport(name: string, digest: string, error: ErrorShape, material: TrustMaterial): TrustReport {
  return {
    reference: name,
    digest,
    status: 'error',
    signatures: [],
    error: { code: error.code, message: error.message },
    dct: null,
    dctRoles: [],
    notices: [...material.notices],
  };
}

function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
