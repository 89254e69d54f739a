import { type ChainContext, checkNoRollback, formatDate, thresholdError } from './context.js';
import { canonicalKeyId, readKeys, type VerificationKey } from './keys.js';
import { type DelegationRoleData, type Metadata, parseMetadata } from './metadata.js';
import type { DctNotice, DctRejectedTarget, DctRole, DctTarget } from './model.js';
import { fetchPinned } from './role-files.js';
import { checkThreshold } from './signatures.js';
import { signedTargets } from './targets.js';

/** What walking the delegations found. */
export interface DelegationWalk {
  /** Every delegation declared by a trusted role, in walk order. */
  roles: DctRole[];
  /** The top-level targets' and every trusted delegation's signed tags. */
  targets: DctTarget[];
  rejected: DctRejectedTarget[];
  /** Canonical key ids of each declared delegation, as docker lists signers. */
  declared: Array<{ name: string; keyIds: string[] }>;
  versions: Record<string, number>;
  notices: DctNotice[];
}

/** Notary's rule for delegation names (tuf/data `IsDelegation`). */
const DELEGATION_NAME = /^targets(\/[-a-z0-9_]+)+$/;

interface Parent {
  name: string;
  paths: string[];
  metadata: Metadata<'targets'>;
  depth: number;
}

/**
 * Walks the delegations under targets depth-first, children before siblings, as notary's client
 * downloads them. A delegation that is not validly signed or has expired is left out with a
 * notice, its tags shown as rejected (notary skips it too); a hash mismatch or a rollback fails the
 * whole chain. A delegation signs only tags under its paths, restricted to its parent's.
 */
export async function walkDelegations(
  ctx: ChainContext,
  targets: Metadata<'targets'>,
  snapshot: Metadata<'snapshot'>,
  seen: Record<string, number>,
  targetsSignedBy: VerificationKey[],
): Promise<DelegationWalk> {
  const walk: DelegationWalk = {
    roles: [],
    targets: [],
    rejected: [],
    declared: [],
    versions: {},
    notices: [],
  };
  walk.targets.push(
    ...signedTargets(targets, 'targets', targetsSignedBy.map(canonicalKeyId), [''], walk.notices),
  );
  let count = 0;
  let truncated = false;

  const visit = async (parent: Parent): Promise<void> => {
    const block = parent.metadata.signed.delegations;
    const { keys, unusable } = readKeys(block?.keys ?? {});
    const reasons = new Map(unusable.map((key) => [key.id, key.reason]));
    const names = new Set<string>();
    for (const entry of block?.roles ?? []) {
      const problem = nameProblem(entry.name, parent.name, names);
      if (problem) {
        notice(
          walk,
          'DCT_DELEGATION_SKIPPED',
          `${parent.name} declares a delegation "${entry.name.slice(0, 80)}" that ${problem}; it is ignored.`,
        );
        continue;
      }
      names.add(entry.name);
      if (count >= ctx.limits.maxDelegations) {
        if (!truncated) {
          const message = `${ctx.gun} has more than ${ctx.limits.maxDelegations} delegations; the rest are not read.`;
          notice(walk, 'DCT_DELEGATION_SKIPPED', message);
        }
        truncated = true;
        return;
      }
      count += 1;
      const child = await visitRole(ctx, walk, entry, { keys, reasons }, parent, snapshot, seen);
      if (!child) continue;
      if (parent.depth + 1 >= ctx.limits.maxDelegationDepth) {
        if (child.metadata.signed.delegations?.roles?.length)
          notice(
            walk,
            'DCT_DELEGATION_SKIPPED',
            `Delegations below ${entry.name} are nested too deep; they are not read.`,
          );
        continue;
      }
      await visit(child);
    }
  };
  await visit({ name: 'targets', paths: [''], metadata: targets, depth: 0 });
  return walk;
}

/** Reads and checks one delegation; the parent to descend into when it is trusted. */
async function visitRole(
  ctx: ChainContext,
  walk: DelegationWalk,
  entry: DelegationRoleData,
  parentKeys: { keys: Map<string, VerificationKey>; reasons: Map<string, string> },
  parent: Parent,
  snapshot: Metadata<'snapshot'>,
  seen: Record<string, number>,
): Promise<Parent | null> {
  const keys = new Map<string, VerificationKey>();
  for (const id of entry.keyids) {
    const key = parentKeys.keys.get(id);
    if (key) keys.set(id, key);
  }
  const paths = restrictPaths(parent.paths, entry.paths ?? []);
  const role: DctRole = {
    name: entry.name,
    keyIds: entry.keyids,
    threshold: entry.threshold,
    version: null,
    expires: null,
    signedBy: [],
    paths,
  };
  walk.roles.push(role);
  walk.declared.push({ name: entry.name, keyIds: [...keys.values()].map(canonicalKeyId) });
  const meta = snapshot.signed.meta[entry.name];
  if (!meta) return null; // Declared, but has signed nothing yet.

  const bytes = await fetchPinned(entry.name, meta, 'snapshot', ctx);
  const metadata = parseMetadata('targets', entry.name, bytes, ctx.gun);
  role.version = metadata.signed.version;
  role.expires = metadata.expires.toISOString();
  const skip = (reason: string): null => {
    role.problem = reason;
    notice(walk, 'DCT_DELEGATION_SKIPPED', `The signatures of ${entry.name} are ignored: ${reason}`);
    for (const target of signedTargets(metadata, entry.name, [], [''], [])) {
      walk.rejected.push({
        tag: target.tag,
        digest: target.digest,
        role: entry.name,
        signer: target.signer,
        reason,
      });
    }
    return null;
  };
  const result = checkThreshold(metadata.rawSigned, metadata.signatures, {
    name: entry.name,
    keys,
    threshold: entry.threshold,
    unusable: parentKeys.reasons,
  });
  if (!result.ok)
    return skip(
      thresholdError(ctx, entry.name, entry.threshold, result.validKeyIds.length, result.rejected).message,
    );
  checkNoRollback(metadata, seen[entry.name], ctx);
  walk.versions[entry.name] = metadata.signed.version;
  if (metadata.expires.getTime() <= ctx.now.getTime()) {
    return skip(
      `the ${entry.name} metadata of ${ctx.gun} expired on ${formatDate(metadata.expires)}; its signer must sign again.`,
    );
  }
  role.signedBy = result.validKeyIds;
  const signers = result.validKeyIds.flatMap((id) => {
    const key = keys.get(id);
    return key ? [canonicalKeyId(key)] : [];
  });
  walk.targets.push(...signedTargets(metadata, entry.name, signers, paths, walk.notices));
  return { name: entry.name, paths, metadata, depth: parent.depth + 1 };
}

function nameProblem(name: string, parent: string, taken: Set<string>): string | null {
  if (name.length > 255 || !DELEGATION_NAME.test(name)) return 'is not a valid delegation name';
  if (name.slice(0, name.lastIndexOf('/')) !== parent) return `is not a direct child of ${parent}`;
  if (taken.has(name)) return 'is declared twice';
  return null;
}

/** A child may only sign under its parent's paths (notary's RestrictDelegationPathPrefixes). */
function restrictPaths(parentPaths: string[], childPaths: string[]): string[] {
  return childPaths.filter((path) => parentPaths.some((parentPath) => path.startsWith(parentPath)));
}

function notice(walk: DelegationWalk, code: DctNotice['code'], message: string): void {
  walk.notices.push({ code, message });
}
