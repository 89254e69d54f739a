import { toErrorShape } from '../../errors.js';
import type { RegistryCapabilities } from '../types.js';
import { catalogPage } from './catalog.js';
import type { ClientContext } from './context.js';
import { referrersList } from './referrers.js';

/** A digest no manifest has: asking for its referrers tells whether the API exists without finding any. */
const PROBE_DIGEST = `sha256:${'0'.repeat(64)}`;

/**
 * What the registry supports, found by asking: `/v2/` (reachable, auth scheme, API version), one
 * one-name catalog page, and — when the catalog named a repository — the referrers API. Deletion
 * stays `unknown` until a delete was tried (only a real DELETE tells). The rate limit is Docker
 * Hub's, as last seen on a manifest response. Never throws: an unreachable registry is an answer.
 */
export async function capabilities(ctx: ClientContext, signal?: AbortSignal): Promise<RegistryCapabilities> {
  const base = { host: ctx.host, deletion: ctx.state.deletion };
  let ping: Awaited<ReturnType<ClientContext['transport']['ping']>>;
  try {
    ping = await ctx.transport.ping(signal);
  } catch (error) {
    const { code, message } = toErrorShape(error);
    return {
      ...base,
      reachable: false,
      authScheme: 'unknown',
      catalog: false,
      referrersApi: false,
      error: { code, message },
    };
  }
  const firstRepository = await catalogPage(ctx, undefined, 1, signal).then(
    (page) => page.repositories[0] ?? null,
    () => undefined,
  );
  if (ctx.state.referrersApi === undefined && firstRepository) {
    await referrersList(ctx, firstRepository, PROBE_DIGEST, signal ? { signal } : {}).catch(() => {});
  }
  return {
    ...base,
    reachable: true,
    ...(ping.apiVersion ? { apiVersion: ping.apiVersion } : {}),
    authScheme: ping.scheme,
    catalog: firstRepository !== undefined,
    referrersApi: ctx.state.referrersApi === true,
    ...(ctx.state.rateLimit ? { rateLimit: ctx.state.rateLimit } : {}),
  };
}
