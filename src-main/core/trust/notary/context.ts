import { NotaryError } from './errors.js';
import type { Metadata, MetadataKind } from './metadata.js';
import type { MetadataLimits, MetadataSource } from './source.js';

/** What every step of a verification needs. */
export interface ChainContext {
  gun: string;
  source: MetadataSource;
  /** The verification time: expiry and certificate validity are judged against it. */
  now: Date;
  limits: MetadataLimits;
  signal?: AbortSignal;
}

/** `2026-12-11 01:07 UTC`: dates in messages, to the minute. */
export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The first 12 hex digits of a key id, as docker prints them. */
export function shortId(id: string): string {
  return id.slice(0, 12);
}

/** DCT_EXPIRED when the metadata's `expires` is not after `now` (notary: ErrExpired). */
export function checkNotExpired(metadata: Metadata<MetadataKind>, ctx: ChainContext, why: string): void {
  if (metadata.expires.getTime() > ctx.now.getTime()) return;
  throw new NotaryError(
    'DCT_EXPIRED',
    `The ${metadata.role} metadata of ${ctx.gun} expired on ${formatDate(metadata.expires)}. ${why}`,
    { gun: ctx.gun, role: metadata.role, expires: metadata.expires.toISOString() },
  );
}

/** DCT_ROLLBACK when a role's version is lower than the highest one seen before. */
export function checkNoRollback(
  metadata: Metadata<MetadataKind>,
  seen: number | undefined,
  ctx: ChainContext,
): void {
  if (seen === undefined || metadata.signed.version >= seen) return;
  throw new NotaryError(
    'DCT_ROLLBACK',
    `The notary server sent version ${metadata.signed.version} of the ${metadata.role} metadata of ${ctx.gun}, older than version ${seen} seen before: someone may be replaying old trust data to hide newer signatures (a rollback attack).`,
    { gun: ctx.gun, role: metadata.role, version: metadata.signed.version, seen },
  );
}

/** The message for a threshold that was not met, with each signature's fate. */
export function thresholdError(
  ctx: ChainContext,
  role: string,
  threshold: number,
  valid: number,
  rejected: Array<{ keyId: string; reason: string }>,
): NotaryError {
  const reasons = rejected
    .slice(0, 3)
    .map((entry) => (entry.keyId ? `key ${shortId(entry.keyId)}: ${entry.reason}` : entry.reason))
    .join('; ');
  const needed =
    threshold < 1
      ? 'its threshold is below 1, so nothing can satisfy it'
      : `${valid} of the ${threshold} signatures it needs verify`;
  return new NotaryError(
    'DCT_SIGNATURE_INVALID',
    `The ${role} metadata of ${ctx.gun} is not validly signed: ${needed}${reasons ? ` (${reasons})` : ''}.`,
    { gun: ctx.gun, role, threshold, valid, rejected: rejected.slice(0, 10) },
  );
}
