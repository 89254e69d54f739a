/**
 * Which DCT-signed tags still need a cosign signature, and what signing them starts.
 * Pure functions: the unit tests pin them down.
 */
import type { DctMigrationPlan } from '../../../../src-main/ipc/contract.js';

export type MigrationTag = DctMigrationPlan['tags'][number];

/** Tags signed with DCT and with nothing else: what the migration offers to sign. */
export function onlyDctTags(plan: DctMigrationPlan): MigrationTag[] {
  return plan.tags.filter((tag) => tag.alsoSignedWith.every((kind) => kind === 'dct'));
}

/**
 * One signature per distinct digest (tags sharing an image need it once), by digest so a tag
 * moved since DCT signed it cannot get a signature meant for the old image.
 */
export function signReferences(repository: string, tags: readonly MigrationTag[]): string[] {
  return [...new Set(tags.map((tag) => `${repository}@${tag.digest}`))];
}
