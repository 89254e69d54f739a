import { parseReference, refName } from '../reference/index.js';
import { mapConcurrent } from '../registry/concurrency.js';
import { lookupDct } from './dct-report.js';
import type { TrustContext } from './evaluate.js';
import { registrySignatures } from './registry-signatures.js';
import type { DctMigrationPlan, SignatureKind } from './types.js';

/** Signed tags checked at once for other signatures. */
const TAG_CONCURRENCY = 4;

/**
 * The DCT → cosign migration of a repository (Docker Hub's notary shuts down on 2026-12-08):
 * every tag its verified DCT data signs (what `docker trust inspect` lists), each with the other
 * kinds of signature its digest already has in the registry, so the tags signed only with DCT
 * stand out. Signatures that fail verification do not count: they sign nothing. DCT data that
 * does not verify lists no tag (it vouches for none). A notary server that cannot be reached
 * is an error (NotaryError), as is a registry that fails.
 */
export async function dctMigrationPlan(repository: string, ctx: TrustContext): Promise<DctMigrationPlan> {
  const ref = parseReference(repository);
  const { signal } = ctx;
  const result = await lookupDct(ref, { ...ctx.dct, ...(signal ? { signal } : {}) });
  const base = { repository: refName(ref), gun: result.gun };
  if (result.state === 'none') return { ...base, state: 'none', tags: [] };
  if (result.state === 'invalid')
    return { ...base, state: 'invalid', message: result.error.message, tags: [] };
  const client = ctx.client(ref.domain);
  const now = ctx.now?.() ?? new Date();
  const tags = await mapConcurrent(
    result.summary.signedTags,
    TAG_CONCURRENCY,
    async (row) => {
      // DCT pins each tag's manifest length: Notation signs digest and size together.
      const size = result.targets.find((t) => t.tag === row.tag && t.digest === row.digest)?.length ?? 0;
      const found = await registrySignatures(
        client,
        { repo: ref.path, digest: row.digest, size },
        ctx.material,
        {
          now,
          ...(signal ? { signal } : {}),
        },
      );
      const kinds = new Set<SignatureKind>(found.filter((s) => !s.invalid).map((s) => s.kind));
      return { tag: row.tag, digest: row.digest, signers: row.signers, alsoSignedWith: [...kinds].sort() };
    },
    signal,
  );
  return { ...base, state: 'verified', tags };
}
