import type { DctSummary, DctTarget } from './model.js';
import { isReleaseRole, RELEASES_ROLE, REPO_ADMIN, signerName } from './targets.js';

/**
 * What `docker trust inspect` prints, computed as docker does (cli/command/trust/inspect.go and
 * common.go):
 * - signed tags are those in targets or targets/releases ("released"); their signers are the
 *   other delegations that signed the same tag and digest, or `Repo Admin` when none did;
 * - signers are the declared delegations but releases, with canonical key ids, by name descending;
 * - root and repository (targets) key ids as root.json lists them.
 */
export function dctSummary(input: {
  targets: DctTarget[];
  declared: Array<{ name: string; keyIds: string[] }>;
  rootKeyIds: string[];
  repositoryKeyIds: string[];
}): DctSummary {
  const released = new Map<string, { tag: string; digest: string; signers: string[] }>();
  for (const target of input.targets) {
    if (!isReleaseRole(target.role)) continue;
    const key = `${target.tag}\n${target.digest}`;
    if (!released.has(key)) released.set(key, { tag: target.tag, digest: target.digest, signers: [] });
  }
  for (const target of input.targets) {
    if (isReleaseRole(target.role)) continue;
    released.get(`${target.tag}\n${target.digest}`)?.signers.push(signerName(target.role));
  }
  const signedTags = [...released.values()]
    .map((row) => (row.signers.length ? row : { ...row, signers: [REPO_ADMIN] }))
    .sort((a, b) => naturalCompare(a.tag, b.tag));

  // Keyed by name as docker's map is: a later declaration of the same signer wins.
  const signerKeys = new Map<string, string[]>();
  for (const role of input.declared) {
    if (role.name === RELEASES_ROLE) continue;
    signerKeys.set(signerName(role.name), role.keyIds);
  }
  const signers = [...signerKeys.entries()]
    .map(([name, keys]) => ({ name, keys }))
    .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));

  return { signedTags, signers, rootKeyIds: input.rootKeyIds, repositoryKeyIds: input.repositoryKeyIds };
}

/**
 * Natural order as docker sorts tags (github.com/fvbommel/sortorder `NaturalLess`): runs of digits
 * compare as numbers (`v2` < `v10`), digits before other characters, fewer leading zeros first.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const digitA = isDigit(a, i);
    const digitB = isDigit(b, j);
    if (digitA !== digitB) return digitA ? -1 : 1;
    if (!digitA) {
      if (a[i] !== b[j]) return (a[i] as string) < (b[j] as string) ? -1 : 1;
      i += 1;
      j += 1;
      continue;
    }
    while (a[i] === '0') i += 1;
    while (b[j] === '0') j += 1;
    const startA = i;
    const startB = j;
    while (isDigit(a, i)) i += 1;
    while (isDigit(b, j)) j += 1;
    const numberA = a.slice(startA, i);
    const numberB = b.slice(startB, j);
    if (numberA.length !== numberB.length) return numberA.length - numberB.length;
    if (numberA !== numberB) return numberA < numberB ? -1 : 1;
    if (startA !== startB) return startA - startB;
  }
  return a.length - i - (b.length - j);
}

function isDigit(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57;
}
