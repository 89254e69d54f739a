import { type ChainContext, checkNotExpired, formatDate, shortId, thresholdError } from './context.js';
import { NotaryError } from './errors.js';
import { commonName, readKeys, type VerificationKey } from './keys.js';
import { type Metadata, parseMetadata } from './metadata.js';
import { notaryCanonicalJson } from './notary-canonical-json.js';
import type { DctPin } from './pin-store.js';
import { checkThreshold, type RoleKeySet } from './signatures.js';

const REQUIRED_ROLES = ['root', 'targets', 'snapshot', 'timestamp'] as const;

/** The root everything else is checked against, and how we came to trust it. */
export interface TrustedRoot {
  metadata: Metadata<'root'>;
  /** Every usable key of root.json (`keys`), by id. */
  keys: Map<string, VerificationKey>;
  /** Keys of root.json that cannot be used, and why. */
  unusable: Map<string, string>;
  /** `first-use`: nothing was pinned; `known`: the pinned root; `rotated`: a newer root signed by the pinned one. */
  change: 'first-use' | 'known' | 'rotated';
  /** For `rotated`: the version pinned before. */
  previousVersion?: number;
  /** Root keys whose signature on this root verified. */
  signedBy: string[];
}

/**
 * Fetches root.json and decides whether to trust it (notary's trustpinning.ValidateRoot with TOFU):
 * - nothing pinned: the root must be signed by its own root keys (certificates for the GUN, valid
 *   now) and not expired; it is trusted on first use;
 * - the pinned root: trusted;
 * - a newer root: every version from the pinned one up must be signed by the previous root's keys
 *   and its own (a rotation); otherwise DCT_ROOT_CHANGED, docker's loud "root changed".
 * Null when the server has no trust data for the GUN.
 */
export async function trustRoot(ctx: ChainContext, pin: DctPin | undefined): Promise<TrustedRoot | null> {
  const bytes = await ctx.source.fetch('root', ctx.limits.rootBytes, ctx.signal);
  if (bytes === null) return null;
  const served = parseMetadata('root', 'root', bytes, ctx.gun);
  if (!pin) return { ...checkRoot(served, ctx, true), change: 'first-use' };

  const pinned = parseMetadata('root', 'root', Buffer.from(pin.root, 'utf8'), ctx.gun);
  if (served.signed.version < pinned.signed.version) {
    throw new NotaryError(
      'DCT_ROLLBACK',
      `The notary server sent version ${served.signed.version} of the root of ${ctx.gun}, older than version ${pinned.signed.version} you trusted before: someone may be replaying old trust data (a rollback attack).`,
      { gun: ctx.gun, role: 'root', version: served.signed.version, seen: pinned.signed.version },
    );
  }
  if (served.signed.version === pinned.signed.version) {
    if (sameRoot(served, pinned)) return { ...checkRoot(served, ctx, true), change: 'known' };
    throw rootChanged(ctx, pin, served, 'a different root with the same version');
  }
  if (served.signed.version - pinned.signed.version > ctx.limits.maxRootRotations) {
    throw rootChanged(
      ctx,
      pin,
      served,
      `${served.signed.version - pinned.signed.version} root versions apart`,
    );
  }
  let previous = pinned;
  for (let version = pinned.signed.version + 1; version < served.signed.version; version += 1) {
    const intermediate = await ctx.source.fetch(`${version}.root`, ctx.limits.rootBytes, ctx.signal);
    if (intermediate === null) throw rootChanged(ctx, pin, served, `root version ${version} is missing`);
    const next = parseMetadata('root', `root (version ${version})`, intermediate, ctx.gun);
    if (next.signed.version !== version)
      throw rootChanged(ctx, pin, served, `root version ${version} says it is ${next.signed.version}`);
    checkSignedByPrevious(next, previous, ctx, pin, served);
    checkRoot(next, ctx, false);
    previous = next;
  }
  checkSignedByPrevious(served, previous, ctx, pin, served);
  return { ...checkRoot(served, ctx, true), change: 'rotated', previousVersion: pinned.signed.version };
}

/** The root role's keys in `root`: certificates whose CN is the GUN (and, if asked, valid at `now`). */
export function rootKeySet(
  root: Metadata<'root'>,
  ctx: ChainContext,
  checkValidity: boolean,
): {
  set: RoleKeySet;
  keys: Map<string, VerificationKey>;
  unusable: Map<string, string>;
  problems: string[];
} {
  const { keys, unusable } = readKeys(root.signed.keys);
  const role = root.signed.roles.root;
  const reasons = new Map(unusable.map((key) => [key.id, key.reason]));
  const usable = new Map<string, VerificationKey>();
  for (const id of role?.keyids ?? []) {
    const key = keys.get(id);
    const problem = key
      ? rootCertificateProblem(key, ctx, checkValidity)
      : (reasons.get(id) ?? 'it is not in the keys');
    if (problem) reasons.set(id, problem);
    else if (key) usable.set(id, key);
  }
  const problems = (role?.keyids ?? []).flatMap((id) => {
    const reason = reasons.get(id);
    return reason ? [`key ${shortId(id)}: ${reason}`] : [];
  });
  return {
    set: { name: 'root', keys: usable, threshold: role?.threshold ?? 0, unusable: reasons },
    keys,
    unusable: reasons,
    problems,
  };
}

function rootCertificateProblem(
  key: VerificationKey,
  ctx: ChainContext,
  checkValidity: boolean,
): string | null {
  if (!key.certificate) return 'a root key must be a certificate (ecdsa-x509 or rsa-x509)';
  const cn = commonName(key.certificate);
  if (cn !== ctx.gun) return `its certificate is for "${cn ?? '(no common name)'}", not ${ctx.gun}`;
  if (!checkValidity) return null;
  const notBefore = new Date(key.certificate.validFrom);
  const notAfter = new Date(key.certificate.validTo);
  if (ctx.now < notBefore) return `its certificate is not valid before ${formatDate(notBefore)}`;
  if (ctx.now > notAfter) return `its certificate expired on ${formatDate(notAfter)}`;
  return null;
}

/** A root's own checks: required roles, certificates, self-signature, expiry (final roots only). */
function checkRoot(root: Metadata<'root'>, ctx: ChainContext, final: boolean): Omit<TrustedRoot, 'change'> {
  for (const name of REQUIRED_ROLES) {
    const role = root.signed.roles[name];
    if (!role || role.keyids.length === 0) {
      throw new NotaryError(
        'DCT_METADATA_INVALID',
        `The trust data of ${ctx.gun} is damaged: the ${root.role} metadata names no ${name} keys.`,
        { gun: ctx.gun, role: root.role },
      );
    }
  }
  const { set, keys, unusable, problems } = rootKeySet(root, ctx, final);
  if (set.keys.size === 0) {
    throw new NotaryError(
      'DCT_ROOT_CERTIFICATE_INVALID',
      `The root of trust of ${ctx.gun} has no usable root certificate: ${problems.slice(0, 3).join('; ') || 'none is listed'}.`,
      { gun: ctx.gun, problems: problems.slice(0, 10) },
    );
  }
  const result = checkThreshold(root.rawSigned, root.signatures, set);
  if (!result.ok)
    throw thresholdError(ctx, root.role, set.threshold, result.validKeyIds.length, result.rejected);
  if (final) checkNotExpired(root, ctx, 'The repository owner must sign a new root with the root key.');
  return { metadata: root, keys, unusable, signedBy: result.validKeyIds };
}

function checkSignedByPrevious(
  next: Metadata<'root'>,
  previous: Metadata<'root'>,
  ctx: ChainContext,
  pin: DctPin,
  served: Metadata<'root'>,
): void {
  // The previous root's certificates may have expired since; notary does not hold that against a rotation.
  const { set } = rootKeySet(previous, ctx, false);
  if (!checkThreshold(next.rawSigned, next.signatures, set).ok) {
    throw rootChanged(
      ctx,
      pin,
      served,
      `${next.role} is not signed by the keys of the root trusted before it`,
    );
  }
}

function sameRoot(a: Metadata<'root'>, b: Metadata<'root'>): boolean {
  return a.bytes.equals(b.bytes) || notaryCanonicalJson(a.rawSigned) === notaryCanonicalJson(b.rawSigned);
}

function rootChanged(ctx: ChainContext, pin: DctPin, served: Metadata<'root'>, detail: string): NotaryError {
  const newKeys = served.signed.roles.root?.keyids ?? [];
  return new NotaryError(
    'DCT_ROOT_CHANGED',
    `WARNING: the root of trust of ${ctx.gun} has changed since you first trusted it on ${formatDate(new Date(pin.pinnedAt))} ` +
      `(root key ${pin.rootKeyIds.map(shortId).join(', ')} → ${newKeys.map(shortId).join(', ') || 'none'}; ${detail}). ` +
      `Either its trust data was deleted and created again, or someone is serving forged trust data. Do not trust its images until the repository owner confirms; ` +
      `then remove the pinned root of ${ctx.gun} (Settings → Trust → Pinned roots) to trust the new one.`,
    { gun: ctx.gun, pinnedKeyIds: pin.rootKeyIds, servedKeyIds: newKeys, pinnedAt: pin.pinnedAt },
  );
}
