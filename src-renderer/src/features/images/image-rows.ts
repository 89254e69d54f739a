/**
 * The rows of the images table: one per `repository:tag`, like `docker images`, and one `<none>`
 * row for an image without tags. Derived from the cached ImageSummary list, never stored.
 */
import type { ImageSummary } from '../../../../src-main/core/engine/types.js';
import { shortId, toEpochMs } from '../../lib/format.js';
import { digestRepository, isPlaceholderRef, NONE, splitRepoTag } from '../../lib/image-ref.js';

export interface ImageRow {
  /** Unique among rows: an image has one row per tag. */
  key: string;
  id: string;
  shortId: string;
  repository: string;
  tag: string;
  /** `repository:tag` as shown. */
  ref: string;
  /** What `images.remove` is given for this row: the tag to untag, or the id of an untagged image. */
  removeTarget: string;
  tagged: boolean;
  /** Epoch ms; 0 when the engine does not know (so sorting stays total). */
  created: number;
  size: number;
  /** Lower-case `repository:tag` and id: what the filter box searches (so `app:v1` matches too). */
  haystack: string;
  /**
   * `repository@digest` when the engine knows a digest a registry serves for the image (it was
   * pushed there, or pulled from it): what its trust badge is for. Unset otherwise.
   */
  trustRef?: string;
}

/**
 * The digest a registry serves for this image: its RepoDigest in the row's repository, else the
 * first one it has, else the latest push the app remembers (the push dialog pushes under other
 * names, and the engine forgets those). None when never pushed or pulled.
 */
function registryDigestRef(image: ImageSummary, repository: string): string | undefined {
  const digests = image.repoDigests.filter((ref) => !isPlaceholderRef(ref));
  return digests.find((ref) => digestRepository(ref) === repository) ?? digests[0] ?? image.pushedTo?.[0];
}

function makeRow(image: ImageSummary, repository: string, tag: string, tagged: boolean): ImageRow {
  const ref = `${repository}:${tag}`;
  const trustRef = registryDigestRef(image, repository);
  return {
    key: `${image.id} ${ref}`,
    id: image.id,
    shortId: shortId(image.id),
    repository,
    tag,
    ref,
    removeTarget: tagged ? ref : image.id,
    tagged,
    created: toEpochMs(image.created) || 0,
    size: image.size,
    haystack: `${ref}\n${image.id}`.toLowerCase(),
    ...(trustRef ? { trustRef } : {}),
  };
}

export function imageRows(images: readonly ImageSummary[]): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const image of images) {
    const tags = image.repoTags.filter((ref) => !isPlaceholderRef(ref));
    for (const ref of tags) {
      const { repository, tag } = splitRepoTag(ref);
      rows.push(makeRow(image, repository, tag, true));
    }
    if (tags.length > 0) continue;
    // An untagged image that came from a registry still says where from, as `docker images` does.
    const repositories = new Set(
      image.repoDigests.filter((ref) => !isPlaceholderRef(ref)).map((ref) => digestRepository(ref)),
    );
    if (repositories.size === 0) repositories.add(NONE);
    for (const repository of repositories) rows.push(makeRow(image, repository, NONE, false));
  }
  return rows;
}

/** Total size of the distinct images behind some rows: tags of one image count once. */
export function distinctImageSize(rows: readonly ImageRow[]): { images: number; bytes: number } {
  const seen = new Set<string>();
  let bytes = 0;
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    bytes += row.size;
  }
  return { images: seen.size, bytes };
}

let lastImages: readonly ImageSummary[] | undefined;
let lastRows: ImageRow[] = [];

/** `imageRows` remembered for the last list, so the table and the toolbar share one derivation. */
export function imageRowsOf(images: readonly ImageSummary[]): ImageRow[] {
  if (images !== lastImages) {
    lastImages = images;
    lastRows = imageRows(images);
  }
  return lastRows;
}
