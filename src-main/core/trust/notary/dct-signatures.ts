import type { Signature } from '../types.js';
import { formatDate, shortId } from './context.js';
import type { DctResult, DctTarget, DctVerified } from './model.js';
import { isReleaseRole } from './targets.js';

/**
 * The DCT signatures of one manifest, for the shared trust model:
 * - verified trust data: one verified signature per role that signs `digest` (under any tag);
 *   with `tag`, an invalid one when the tag is signed for another digest than the registry's
 *   (the tag moved without being signed again); an invalid one per skipped delegation that
 *   claimed `digest`;
 * - trust data that fails verification: one invalid signature saying why (whatever it claims, it
 *   cannot be believed);
 * - no trust data: none.
 */
export function dctSignatures(result: DctResult, subject: { digest: string; tag?: string }): Signature[] {
  const { digest, tag } = subject;
  if (result.state === 'none') return [];
  if (result.state === 'invalid') {
    return [
      signature(result.gun, digest, {
        signer: null,
        keyId: null,
        verified: false,
        invalid: true,
        reason: `The Docker Content Trust data of ${result.gun} failed verification: ${result.error.message}`,
      }),
    ];
  }
  const signatures: Signature[] = [];
  const byRole = new Map<string, DctTarget[]>();
  for (const target of result.targets) {
    if (target.digest !== digest) continue;
    byRole.set(target.role, [...(byRole.get(target.role) ?? []), target]);
  }
  for (const [role, targets] of byRole) {
    const first = targets[0] as DctTarget;
    signatures.push(
      signature(result.gun, digest, {
        signer: first.signer,
        keyId: first.keyIds[0] ?? null,
        verified: true,
        invalid: false,
        reason: `Docker Content Trust: ${describeTags(targets)} signed in ${role} by key ${shortId(first.keyIds[0] ?? '?')}; ${rootTrust(result)}.`,
      }),
    );
  }
  if (tag !== undefined) signatures.push(...movedTag(result, digest, tag));
  for (const rejected of result.rejectedTargets) {
    if (rejected.digest !== digest) continue;
    signatures.push(
      signature(result.gun, digest, {
        signer: rejected.signer,
        keyId: null,
        verified: false,
        invalid: true,
        reason: `Docker Content Trust: tag ${rejected.tag} in ${rejected.role} cannot be trusted: ${rejected.reason}`,
      }),
    );
  }
  return signatures;
}

/** Released tags (targets, targets/releases) naming `tag` for another digest than the registry serves. */
function movedTag(result: DctVerified, digest: string, tag: string): Signature[] {
  const released = result.targets.filter((target) => target.tag === tag && isReleaseRole(target.role));
  if (released.length === 0 || released.some((target) => target.digest === digest)) return [];
  const signed = released[0] as DctTarget;
  return [
    signature(result.gun, digest, {
      signer: signed.signer,
      keyId: signed.keyIds[0] ?? null,
      verified: false,
      invalid: true,
      reason: `Docker Content Trust signs tag ${tag} as ${signed.digest}, but the registry serves ${digest} for it: the tag was pushed again without being signed (docker pull with content trust would fetch the signed ${signed.digest.slice(0, 19)}…).`,
    }),
  ];
}

function describeTags(targets: DctTarget[]): string {
  const tags = targets.map((target) => target.tag);
  return tags.length === 1 ? `tag ${tags[0]}` : `tags ${tags.join(', ')}`;
}

function rootTrust(result: DctVerified): string {
  const keys = result.root.keyIds.map(shortId).join(', ');
  const since = formatDate(new Date(result.root.pinnedAt));
  switch (result.root.trust) {
    case 'first-use':
      return `root key ${keys} trusted on first use now`;
    case 'rotated':
      return `root key ${keys}, rotated from the root trusted since ${since}`;
    default:
      return `root key ${keys} trusted since ${since}`;
  }
}

function signature(
  gun: string,
  digest: string,
  fields: Pick<Signature, 'signer' | 'keyId' | 'verified' | 'invalid' | 'reason'>,
): Signature {
  return { kind: 'dct', digest, certificateChain: [], signedAt: null, source: gun, ...fields };
}
