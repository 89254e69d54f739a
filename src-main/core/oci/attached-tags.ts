import { splitDigest } from './digest.js';

/** What an attached tag holds, by the suffix cosign (and the referrers tag schema) give it. */
export type AttachedKind = 'signature' | 'attestation' | 'sbom' | 'referrers';

/** A tag that names an artifact attached to another manifest rather than an image of its own. */
export interface AttachedTag {
  tag: string;
  kind: AttachedKind;
  /** The digest (`sha256:<hex>`) of the manifest it is attached to. */
  subject: string;
}

const ATTACHED = /^sha256-([a-f0-9]{64})(?:\.(sig|att|sbom))?$/;
const KIND_BY_SUFFIX: Readonly<Record<string, AttachedKind>> = {
  sig: 'signature',
  att: 'attestation',
  sbom: 'sbom',
};

/**
 * `sha256-<hex>.sig` (cosign signature), `.att` (attestation), `.sbom`, or the bare `sha256-<hex>`
 * of the OCI referrers tag schema; null for an ordinary tag. Only sha256: the schema truncates
 * longer digests, so their subject cannot be read back from the tag.
 */
export function classifyTag(tag: string): AttachedTag | null {
  const match = ATTACHED.exec(tag);
  if (!match) return null;
  const suffix = match[2];
  return {
    tag,
    kind: suffix === undefined ? 'referrers' : KIND_BY_SUFFIX[suffix]!,
    subject: `sha256:${match[1]}`,
  };
}

/** Splits a tag list into ordinary tags and attached ones, each keeping the order given. */
export function splitAttachedTags(tags: readonly string[]): { tags: string[]; attached: AttachedTag[] } {
  const plain: string[] = [];
  const attached: AttachedTag[] = [];
  for (const tag of tags) {
    const classified = classifyTag(tag);
    if (classified) attached.push(classified);
    else plain.push(tag);
  }
  return { tags: plain, attached };
}

/**
 * The tag where the referrers tag schema keeps the index of `digest`'s referrers: `<alg>-<hex>`,
 * the algorithm cut to 32 characters and the hex to 64, as the distribution spec says.
 */
export function referrersTag(digest: string): string {
  const { algorithm, hex } = splitDigest(digest);
  return `${algorithm.slice(0, 32)}-${hex.slice(0, 64)}`;
}

/** cosign's classic signature tag for `digest`: `sha256-<hex>.sig`. */
export function signatureTag(digest: string): string {
  return `${referrersTag(digest)}.sig`;
}
