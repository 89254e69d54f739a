import { verifyChain } from './chain.js';
import type { ChainContext } from './context.js';
import { NotaryError } from './errors.js';
import type { DctNotice, DctResult } from './model.js';
import type { DctPinStore } from './pin-store.js';
import type { NotaryServer } from './server.js';
import { DEFAULT_LIMITS, type MetadataLimits, type MetadataSource } from './source.js';
import { dctSummary } from './summary.js';

export interface VerifyDctOptions {
  gun: string;
  server: NotaryServer;
  source: MetadataSource;
  pins: DctPinStore;
  /** The verification time (expiry, certificate validity). */
  now: Date;
  limits?: Partial<MetadataLimits>;
  signal?: AbortSignal;
}

/**
 * Fetches and verifies one repository's Docker Content Trust data. Data that fails verification is
 * a result (`invalid`, with the reason), not an exception; a server that cannot be reached, a
 * misconfiguration or a cancellation throws.
 */
export async function verifyDct(opts: VerifyDctOptions): Promise<DctResult> {
  const { gun, server } = opts;
  const ctx: ChainContext = {
    gun,
    source: opts.source,
    now: opts.now,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const notices: DctNotice[] = [];
  if (server.retirement) notices.push({ code: 'DCT_NOTARY_RETIRING', message: server.retirement.message });
  try {
    const chain = await verifyChain(ctx, opts.pins);
    if (chain === null) {
      const pin = await opts.pins.get(gun);
      if (pin) {
        notices.push({
          code: 'DCT_DATA_REMOVED',
          message: `${server.url} has no trust data for ${gun} any more, though you trusted its root before: its signatures were removed, or this is not the server that had them.`,
        });
      }
      return { state: 'none', gun, server, notices };
    }
    const { root, delegations } = chain;
    if (root.change === 'first-use') {
      notices.push({
        code: 'DCT_ROOT_FIRST_USE',
        message: `First use of ${gun}: its root of trust (key ${root.metadata.signed.roles.root?.keyids.join(', ')}) is now pinned; a different root later will be reported.`,
      });
    } else if (root.change === 'rotated') {
      notices.push({
        code: 'DCT_ROOT_ROTATED',
        message: `The root of trust of ${gun} was rotated from version ${root.previousVersion} to ${root.metadata.signed.version}, signed by the root trusted before; the new root is now pinned.`,
      });
    }
    notices.push(...delegations.notices);
    const rootKeyIds = root.metadata.signed.roles.root?.keyids ?? [];
    return {
      state: 'verified',
      gun,
      server,
      notices,
      summary: dctSummary({
        targets: delegations.targets,
        declared: delegations.declared,
        rootKeyIds,
        repositoryKeyIds: root.metadata.signed.roles.targets?.keyids ?? [],
      }),
      targets: delegations.targets,
      rejectedTargets: delegations.rejected,
      roles: chain.roles,
      root: {
        keyIds: rootKeyIds,
        version: root.metadata.signed.version,
        trust: root.change,
        pinnedAt: chain.pin.pinnedAt,
      },
    };
  } catch (error) {
    if (error instanceof NotaryError && error.isVerificationFailure) {
      return { state: 'invalid', gun, server, notices, error: { code: error.code, message: error.message } };
    }
    throw error;
  }
}
