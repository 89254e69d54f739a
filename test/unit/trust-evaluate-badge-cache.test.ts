import { describe, expect, it } from 'vitest';
import { parseReference, withDefaultTag } from '../../src-main/core/reference/index.js';
import { BadgeCache, badgeOf } from '../../src-main/core/trust/badge-cache.js';
import type { TrustReport } from '../../src-main/core/trust/types.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const ref = (text: string) => withDefaultTag(parseReference(text));

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('BadgeCache', () => {
  it('answers a tag from the digest it named, under the same settings version only', () => {
    const time = clock();
    const cache = new BadgeCache({ now: time.now });
    cache.put(ref('reg.example/app:v1'), 'v1', { digest: A, status: 'verified', kinds: ['cosign'] });
    expect(cache.get(ref('reg.example/app:v1'), 'v1')).toEqual({
      digest: A,
      status: 'verified',
      kinds: ['cosign'],
    });
    expect(cache.get(ref(`reg.example/app@${A}`), 'v1')?.status).toBe('verified');
    expect(cache.get(ref('reg.example/app:v1'), 'v2')).toBeUndefined();
    // The same digest in another repository has its own signatures.
    expect(cache.get(ref(`reg.example/other@${A}`), 'v1')).toBeUndefined();
  });

  it('believes a tag for a minute and a badge for ten', () => {
    const time = clock();
    const cache = new BadgeCache({ now: time.now });
    cache.put(ref('reg.example/app:v1'), 'v', { digest: A, status: 'signed', kinds: ['notation'] });
    time.advance(61_000);
    expect(cache.get(ref('reg.example/app:v1'), 'v')).toBeUndefined();
    expect(cache.get(ref(`reg.example/app@${A}`), 'v')?.status).toBe('signed');
    time.advance(10 * 60_000);
    expect(cache.get(ref(`reg.example/app@${A}`), 'v')).toBeUndefined();
  });

  it('keeps no error badge, and forgets a digest that was just signed, under every version', () => {
    const cache = new BadgeCache();
    cache.put(ref('reg.example/app:v1'), 'v', { digest: A, status: 'error', kinds: [] });
    expect(cache.get(ref('reg.example/app:v1'), 'v')).toBeUndefined();
    cache.put(ref(`reg.example/app@${A}`), 'v', { digest: A, status: 'unsigned', kinds: [] });
    cache.put(ref(`reg.example/app@${A}`), 'w', { digest: A, status: 'unsigned', kinds: [] });
    cache.put(ref(`reg.example/app@${B}`), 'v', { digest: B, status: 'unsigned', kinds: [] });
    cache.forget(ref('reg.example/app'), A);
    expect(cache.get(ref(`reg.example/app@${A}`), 'v')).toBeUndefined();
    expect(cache.get(ref(`reg.example/app@${A}`), 'w')).toBeUndefined();
    expect(cache.get(ref(`reg.example/app@${B}`), 'v')?.status).toBe('unsigned');
  });

  it('holds at most maxEntries badges, dropping the oldest', () => {
    const cache = new BadgeCache({ maxEntries: 2 });
    for (const digest of [A, B, `sha256:${'c'.repeat(64)}`]) {
      cache.put(ref(`reg.example/app@${digest}`), 'v', { digest, status: 'unsigned', kinds: [] });
    }
    expect(cache.get(ref(`reg.example/app@${A}`), 'v')).toBeUndefined();
    expect(cache.get(ref(`reg.example/app@${B}`), 'v')).toBeDefined();
  });
});

describe('badgeOf', () => {
  it('names each kind that signed once, and has no digest when none was resolved', () => {
    const signature = (kind: 'dct' | 'cosign') => ({
      kind,
      digest: A,
      signer: null,
      keyId: null,
      certificateChain: [],
      signedAt: null,
      verified: true,
      reason: null,
      invalid: false,
      source: 'x',
    });
    const report: TrustReport = {
      reference: 'reg.example/app:v1',
      digest: A,
      status: 'verified',
      signatures: [signature('cosign'), signature('dct'), signature('cosign')],
      dct: null,
      dctRoles: [],
      notices: [],
    };
    expect(badgeOf(report)).toEqual({ digest: A, status: 'verified', kinds: ['cosign', 'dct'] });
    expect(badgeOf({ ...report, digest: '', status: 'error', signatures: [] })).toEqual({
      digest: null,
      status: 'error',
      kinds: [],
    });
  });
});
