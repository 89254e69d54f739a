import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePublicKey } from '../../src-main/core/trust/keys/index.js';

/** The real signatures in test/fixtures/trust, as cosign wrote them, and what verifying them gives. */

export function trustFixture(name: string): Buffer {
  return readFileSync(join(import.meta.dirname, '../fixtures/trust', name));
}

/** cosign's public key: its private half signed the cosign samples. */
export const cosignPub = parsePublicKey(trustFixture('cosign.pub').toString('utf8'), 'cosign.pub');

/** The whole result of verifying a cosign sample of `digest` with cosign.pub, field by field. */
export function verifiedByCosignPub(digest: string) {
  return {
    digest,
    signer: 'cosign.pub',
    keyId: cosignPub.keyId,
    certificateChain: [],
    signedAt: null,
    verified: true,
    invalid: false,
    reason: 'key cosign.pub',
  };
}
