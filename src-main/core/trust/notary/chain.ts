import type { ChainContext } from './context.js';
import { type DelegationWalk, walkDelegations } from './delegations.js';
import { NotaryError } from './errors.js';
import type { VerificationKey } from './keys.js';
import type { Metadata } from './metadata.js';
import type { DctRole } from './model.js';
import type { DctPin, DctPinStore } from './pin-store.js';
import { fetchPinned, verifyRoleFile } from './role-files.js';
import { type TrustedRoot, trustRoot } from './root-trust.js';
import type { RoleKeySet } from './signatures.js';

/** Everything that verified, from the root down. */
export interface VerifiedChain {
  root: TrustedRoot;
  /** Root, timestamp, snapshot, targets, then the delegations in walk order. */
  roles: DctRole[];
  delegations: DelegationWalk;
  pin: DctPin;
}

const STALE_SERVER =
  'The data may be stale (someone may be hiding newer signatures), or the notary server cannot re-sign it.';

/**
 * Verifies a repository's trust data top-down as notary's client does (client/tufclient.go):
 * root → timestamp → snapshot (pinned by timestamp) → targets (pinned by snapshot) →
 * delegations; then records the root and the versions seen in the pin store. Null when the server
 * has no trust data for the GUN. Throws a NotaryError at the first check that fails.
 */
export async function verifyChain(ctx: ChainContext, pins: DctPinStore): Promise<VerifiedChain | null> {
  const pin = await pins.get(ctx.gun);
  const root = await trustRoot(ctx, pin);
  if (root === null) return null;
  const seen = pin?.versions ?? {};

  const timestampBytes = await ctx.source.fetch('timestamp', ctx.limits.timestampBytes, ctx.signal);
  if (timestampBytes === null) {
    throw new NotaryError(
      'DCT_METADATA_INVALID',
      `The trust data of ${ctx.gun} is incomplete: the notary server has a root but no timestamp.`,
      { gun: ctx.gun, role: 'timestamp' },
    );
  }
  const timestamp = verifyRoleFile(
    'timestamp',
    timestampBytes,
    roleKeys(root, 'timestamp'),
    {
      seenVersion: seen.timestamp,
      whenExpired: `${STALE_SERVER} Notary servers re-sign the timestamp on request; ask the server's operator.`,
    },
    ctx,
  );

  const snapshotBytes = await fetchPinned(
    'snapshot',
    timestamp.metadata.signed.meta.snapshot,
    'timestamp',
    ctx,
  );
  const snapshot = verifyRoleFile(
    'snapshot',
    snapshotBytes,
    roleKeys(root, 'snapshot'),
    {
      seenVersion: seen.snapshot,
      whenExpired: STALE_SERVER,
    },
    ctx,
  );

  const targetsMeta = snapshot.metadata.signed.meta.targets;
  if (!targetsMeta) {
    throw new NotaryError(
      'DCT_METADATA_INVALID',
      `The trust data of ${ctx.gun} is damaged: the snapshot does not list the targets metadata.`,
      { gun: ctx.gun, role: 'snapshot' },
    );
  }
  const targetsBytes = await fetchPinned('targets', targetsMeta, 'snapshot', ctx);
  const targets = verifyRoleFile(
    'targets',
    targetsBytes,
    roleKeys(root, 'targets'),
    {
      seenVersion: seen.targets,
      whenExpired: 'The repository owner must sign its tags again (docker trust sign) to renew it.',
    },
    ctx,
  );

  const targetsKeys = targets.signedBy.flatMap((id) => root.keys.get(id) ?? []);
  const delegations = await walkDelegations(ctx, targets.metadata, snapshot.metadata, seen, targetsKeys);
  const roles: DctRole[] = [
    topRole(root, 'root', root.metadata, root.signedBy),
    topRole(root, 'timestamp', timestamp.metadata, timestamp.signedBy),
    topRole(root, 'snapshot', snapshot.metadata, snapshot.signedBy),
    topRole(root, 'targets', targets.metadata, targets.signedBy),
    ...delegations.roles,
  ];
  const versions: Record<string, number> = {
    timestamp: timestamp.metadata.signed.version,
    snapshot: snapshot.metadata.signed.version,
    targets: targets.metadata.signed.version,
    ...delegations.versions,
  };
  const nextPin = await savePin(pins, ctx, root, pin, versions);
  return { root, roles, delegations, pin: nextPin };
}

/** A top-level role's keys, as root.json lists them. */
function roleKeys(root: TrustedRoot, name: 'timestamp' | 'snapshot' | 'targets'): RoleKeySet {
  const role = root.metadata.signed.roles[name];
  const keys = new Map<string, VerificationKey>();
  for (const id of role?.keyids ?? []) {
    const key = root.keys.get(id);
    if (key) keys.set(id, key);
  }
  return { name, keys, threshold: role?.threshold ?? 0, unusable: root.unusable };
}

function topRole(
  root: TrustedRoot,
  name: string,
  metadata: Metadata<'root' | 'timestamp' | 'snapshot' | 'targets'>,
  signedBy: string[],
): DctRole {
  const role = root.metadata.signed.roles[name];
  return {
    name,
    keyIds: role?.keyids ?? [],
    threshold: role?.threshold ?? 0,
    version: metadata.signed.version,
    expires: metadata.expires.toISOString(),
    signedBy,
  };
}

/**
 * Remembers the root now trusted and the highest versions seen. Versions only go up: a role that
 * disappeared (a removed delegation) keeps its last version, so it cannot come back older.
 */
async function savePin(
  pins: DctPinStore,
  ctx: ChainContext,
  root: TrustedRoot,
  previous: DctPin | undefined,
  versions: Record<string, number>,
): Promise<DctPin> {
  const now = ctx.now.toISOString();
  const kept = previous?.versions ?? {};
  const merged: Record<string, number> = { ...kept };
  for (const [role, version] of Object.entries(versions)) merged[role] = Math.max(version, kept[role] ?? 0);
  const pin: DctPin = {
    gun: ctx.gun,
    root: root.metadata.bytes.toString('utf8'),
    rootVersion: root.metadata.signed.version,
    rootKeyIds: root.metadata.signed.roles.root?.keyids ?? [],
    versions: merged,
    server: previous?.server ?? ctx.source.label,
    pinnedAt: previous?.pinnedAt ?? now,
    updatedAt: now,
  };
  const unchanged =
    previous !== undefined &&
    previous.root === pin.root &&
    JSON.stringify(previous.versions) === JSON.stringify(pin.versions);
  if (!unchanged) await pins.put(pin);
  return unchanged ? previous : pin;
}
