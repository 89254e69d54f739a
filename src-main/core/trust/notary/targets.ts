import type { Metadata } from './metadata.js';
import type { DctNotice, DctTarget } from './model.js';

/** The delegation docker signs releases into (`docker trust sign` with a delegation key). */
export const RELEASES_ROLE = 'targets/releases';

/** What docker calls whoever signed into the targets role or targets/releases. */
export const REPO_ADMIN = 'Repo Admin';

/** True for the roles whose tags docker pulls and lists: targets and targets/releases. */
export function isReleaseRole(role: string): boolean {
  return role === 'targets' || role === RELEASES_ROLE;
}

/** Docker's name for a role's signer (cli/command/trust `notaryRoleToSigner`). */
export function signerName(role: string): string {
  return isReleaseRole(role) ? REPO_ADMIN : role.replace(/^targets\//, '');
}

/**
 * The tags a targets document signs: `name → {hashes.sha256 (base64 of the manifest digest),
 * length}`. Tags outside the role's paths are left out with a notice; entries without a sha256
 * are not images docker signed and are skipped.
 */
export function signedTargets(
  metadata: Metadata<'targets'>,
  role: string,
  keyIds: string[],
  paths: string[],
  notices: DctNotice[],
): DctTarget[] {
  const targets: DctTarget[] = [];
  for (const [tag, meta] of Object.entries(metadata.signed.targets ?? {})) {
    const sha256 = Buffer.from(meta.hashes.sha256 ?? '', 'base64');
    if (sha256.length !== 32) continue;
    if (!paths.some((path) => tag.startsWith(path))) {
      notices.push({
        code: 'DCT_TARGET_OUTSIDE_PATHS',
        message: `${role} signs tag "${tag.slice(0, 128)}", which it is not delegated to sign; ignored.`,
      });
      continue;
    }
    targets.push({
      tag,
      digest: `sha256:${sha256.toString('hex')}`,
      length: meta.length,
      role,
      signer: signerName(role),
      keyIds,
    });
  }
  return targets;
}
