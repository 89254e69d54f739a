import { createHash, verify } from 'node:crypto';
import { z } from 'zod';
import { pemBlocks } from '../keys/pem.js';
import { jcsCanonicalJson } from './jcs-canonical-json.js';
import { logValidAt, type TrustedLog } from './trust-root.js';

/**
 * The Rekor entry cosign attaches to a classic signature (`dev.sigstore.cosign/bundle`): the
 * log's signed entry timestamp (SET) over the entry. Verified offline with the log's key from
 * the trust root, it proves when the signature was logged: the time a keyless certificate
 * (valid for minutes) must have been valid at.
 */
const bundleSchema = z.object({
  SignedEntryTimestamp: z.string(),
  Payload: z.object({
    body: z.string(),
    integratedTime: z.number().int(),
    logIndex: z.number().int(),
    logID: z.string(),
  }),
});

export interface RekorEntry {
  integratedTime: Date;
  logIndex: number;
  logId: string;
}

export type RekorCheck = { ok: true; entry: RekorEntry } | { ok: false; reason: string; invalid: boolean };

export function checkRekorBundle(
  annotation: string,
  tlogs: readonly TrustedLog[],
  signed: { payload: Buffer; signature: Buffer; signerDer: Buffer },
): RekorCheck {
  let bundle: z.output<typeof bundleSchema>;
  try {
    bundle = bundleSchema.parse(JSON.parse(annotation));
  } catch {
    return { ok: false, reason: 'its Rekor bundle annotation does not parse', invalid: true };
  }
  const { Payload: entry } = bundle;
  const integratedTime = new Date(entry.integratedTime * 1000);
  const logs = tlogs.filter((log) => log.logId === entry.logID && logValidAt(log, integratedTime));
  if (logs.length === 0) {
    return {
      ok: false,
      reason: `it was logged in a Rekor log (${entry.logID.slice(0, 16)}…) your trust root does not list`,
      invalid: false,
    };
  }
  const data = Buffer.from(jcsCanonicalJson(entry));
  const set = Buffer.from(bundle.SignedEntryTimestamp, 'base64');
  if (!logs.some((log) => safeVerify(data, log.key, set))) {
    return {
      ok: false,
      reason: "its Rekor entry's signed timestamp does not verify with the log's key",
      invalid: true,
    };
  }
  const mismatch = bodyMismatch(Buffer.from(entry.body, 'base64'), signed);
  if (mismatch) return { ok: false, reason: mismatch, invalid: true };
  return { ok: true, entry: { integratedTime, logIndex: entry.logIndex, logId: entry.logID } };
}

const hashedRekordSchema = z.object({
  kind: z.literal('hashedrekord'),
  spec: z.object({
    data: z.object({ hash: z.object({ algorithm: z.literal('sha256'), value: z.string() }) }),
    signature: z.object({ content: z.string(), publicKey: z.object({ content: z.string() }) }),
  }),
});

/** Why the logged entry is not this signature (hash, signature, signer); null when it is. */
function bodyMismatch(
  body: Buffer,
  signed: { payload: Buffer; signature: Buffer; signerDer: Buffer },
): string | null {
  let entry: z.output<typeof hashedRekordSchema>;
  try {
    entry = hashedRekordSchema.parse(JSON.parse(body.toString('utf8')));
  } catch {
    return 'its Rekor entry is not a hashedrekord entry of this signature';
  }
  if (entry.spec.data.hash.value !== createHash('sha256').update(signed.payload).digest('hex')) {
    return 'its Rekor entry logs another payload';
  }
  if (!Buffer.from(entry.spec.signature.content, 'base64').equals(signed.signature)) {
    return 'its Rekor entry logs another signature';
  }
  const logged = pemBlocks(Buffer.from(entry.spec.signature.publicKey.content, 'base64').toString('utf8'))[0];
  if (!logged?.der.equals(signed.signerDer)) return 'its Rekor entry logs another certificate';
  return null;
}

function safeVerify(data: Buffer, key: TrustedLog['key'], signature: Buffer): boolean {
  try {
    return verify('sha256', data, key, signature);
  } catch {
    return false;
  }
}
