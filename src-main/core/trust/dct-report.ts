import type { ImageRef } from '../reference/index.js';
import type { NotaryClient } from './notary/client.js';
import { dctSignatures } from './notary/dct-signatures.js';
import { NotaryError } from './notary/errors.js';
import type { DctResult } from './notary/model.js';
import type { DctInspect, DctRoleView, Signature, TrustNotice } from './types.js';

/** What DCT adds to a trust report: its signatures of the digest, the inspect block, roles and notices. */
export interface DctPart {
  signatures: Signature[];
  dct: DctInspect | null;
  dctRoles: DctRoleView[];
  notices: TrustNotice[];
}

export interface DctLookupContext {
  notary: NotaryClient;
  /** `--notary URL` / `--notary-ca PEM`: this server instead of the configured one. */
  override?: { url?: string; caPem?: string };
  /** Lookups already made in this batch, by GUN: a tag list looks each repository up once. */
  shared?: Map<string, Promise<DctResult>>;
  signal?: AbortSignal;
}

/**
 * The repository's DCT data (`state: 'none'` when it has none). Throws NotaryError when it could
 * not be fetched — except from Docker Hub's notary once it has shut down: that is "none", with
 * the notice saying so, or every Docker Hub image would be an error from then on.
 */
export function lookupDct(
  repository: Pick<ImageRef, 'domain' | 'path'>,
  ctx: DctLookupContext,
): Promise<DctResult> {
  const gun = `${repository.domain}/${repository.path}`;
  const known = ctx.shared?.get(gun);
  if (known) return known;
  const lookup = ctx.notary
    .lookup(repository, {
      ...(ctx.override?.url ? { server: ctx.override.url } : {}),
      ...(ctx.override?.caPem ? { caPem: ctx.override.caPem } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    })
    .catch(async (error: unknown) => {
      if (!(error instanceof NotaryError) || error.code !== 'DCT_SERVER_ERROR') throw error;
      const server = await ctx.notary.resolveServer(repository.domain, ctx.override);
      if (!server.retirement?.retired) throw error;
      const none: DctResult = {
        state: 'none',
        gun,
        server,
        notices: [{ code: 'DCT_NOTARY_RETIRING', message: server.retirement.message }],
      };
      return none;
    });
  ctx.shared?.set(gun, lookup);
  return lookup;
}

/** The DCT part of a report for `digest` (and the tag it was asked by, so a moved tag shows). */
export function dctPart(result: DctResult, subject: { digest: string; tag?: string }): DctPart {
  const notices: TrustNotice[] = result.notices.map(({ code, message }) => ({ code, message }));
  if (result.server.retirement && !notices.some((notice) => notice.code === 'DCT_NOTARY_RETIRING')) {
    notices.unshift({ code: 'DCT_NOTARY_RETIRING', message: result.server.retirement.message });
  }
  if (result.state !== 'verified') {
    return { signatures: dctSignatures(result, subject), dct: null, dctRoles: [], notices };
  }
  return {
    signatures: dctSignatures(result, subject),
    dct: result.summary,
    dctRoles: result.roles.map((role) => ({
      name: role.name,
      keyIds: role.keyIds,
      threshold: role.threshold,
      version: role.version,
      expires: role.expires,
      ...(role.problem ? { problem: role.problem } : {}),
    })),
    notices,
  };
}
