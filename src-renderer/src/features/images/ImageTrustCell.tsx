import { useApp } from '../../store/context.js';
import { TrustBadgeCell } from '../trust/TrustBadgeCell.js';
import type { ImageRow } from './image-rows.js';

/** The reference an image row's badge is for: a RepoDigest the engine knows, else what this window pushed. */
export function imageTrustRef(
  row: ImageRow,
  pushed: Readonly<Record<string, readonly string[]>>,
): string | undefined {
  return row.trustRef ?? pushed[row.id]?.[0];
}

/** A pushed (or pulled) image's trust badge; nothing for an image no registry has. */
export function ImageTrustCell({ row }: { row: ImageRow }) {
  const reference = useApp((s) => imageTrustRef(row, s.pushedImages));
  return <TrustBadgeCell reference={reference} />;
}
