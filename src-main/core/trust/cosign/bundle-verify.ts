import { verify as cryptoVerify } from 'node:crypto';
import {
  type TrustMaterial,
  toSignedEntity,
  toTrustMaterial,
  VerificationError,
  Verifier,
  type VerifierOptions,
} from '@sigstore/verify';
import { keyHint, type TrustedKey } from '../keys/public-key.js';
import { type Certificate, readCertificate } from '../keys/x509.js';
import { type ParsedBundle, parseBundle } from './bundle.js';
import type { CosignVerifyContext } from './classic.js';
import { keylessIdentity } from './identity.js';
import { type CosignFinding, failed, keyNames, unverifiable, verified } from './result.js';

const IN_TOTO = 'application/vnd.in-toto+json';

/**
 * A cosign 3 signature: a Sigstore bundle (v0.3) stored as a referrer, holding a DSSE envelope
 * of an in-toto statement about the image. The statement's subject must be the registry's
 * digest. The cryptography is @sigstore/verify's: with an imported key it runs offline (no log
 * entry required, since keys need no timestamp); keyless bundles need a trust root, and then
 * their Rekor entry and certificate chain are checked as `cosign verify` does (SCTs only when
 * the trust root lists CT logs).
 */
export function verifyBundle(bytes: Buffer, ctx: CosignVerifyContext): CosignFinding {
  let bundle: ParsedBundle;
  try {
    bundle = parseBundle(bytes);
  } catch (error) {
    return failed(
      { digest: ctx.digest, signer: null, keyId: null, certificateChain: [], signedAt: null },
      `the Sigstore bundle does not parse: ${(error as Error).message.slice(0, 200)}`,
    );
  }
  const signedDigest =
    bundle.signedDigests.find((d) => d === ctx.digest) ?? bundle.signedDigests[0] ?? ctx.digest;
  const base = {
    digest: signedDigest,
    signer: null,
    keyId: null,
    certificateChain: [],
    signedAt: bundle.loggedAt?.toISOString() ?? null,
  };
  const mismatch = digestMismatch(bundle, ctx.digest);
  return bundle.keyHint !== null
    ? withKey(bundle, base, ctx, mismatch)
    : keyless(bundle, base, ctx, mismatch);
}

function digestMismatch(bundle: ParsedBundle, digest: string): string | null {
  if (bundle.dsse && bundle.dsse.payloadType !== IN_TOTO) {
    return `the bundle signs a "${bundle.dsse.payloadType.slice(0, 80)}", not an in-toto statement about the image`;
  }
  if (bundle.signedDigests.length === 0) return 'the bundle names no digest it signs';
  if (!bundle.signedDigests.includes(digest)) {
    return `signed digest ${bundle.signedDigests[0]} differs from the registry's ${digest}`;
  }
  return null;
}

type Base = Omit<CosignFinding, 'verified' | 'invalid' | 'reason'>;

function withKey(
  bundle: ParsedBundle,
  base: Base,
  ctx: CosignVerifyContext,
  mismatch: string | null,
): CosignFinding {
  const hint = bundle.keyHint ?? '';
  // The hint names the key (cosign writes it); an empty hint leaves every imported key to try.
  const candidates = hint ? ctx.keys.filter((key) => keyHint(key) === hint) : ctx.keys;
  if (candidates.length === 0) {
    return unverifiable(
      base,
      ctx.keys.length === 0
        ? 'signed with a key: import its public key (cosign.pub) to verify it'
        : `signed by a key you have not imported (it is not ${keyNames(ctx.keys)})`,
    );
  }
  let lastError: unknown;
  for (const key of candidates) {
    const signedBy = { ...base, signer: key.name, keyId: key.keyId };
    try {
      runVerifier(bundle, ctx, key);
      return mismatch
        ? failed(signedBy, `${mismatch} (signed by key ${key.name})`)
        : verified(signedBy, `key ${key.name}`);
    } catch (error) {
      lastError = error;
    }
  }
  const key = candidates[0]!;
  return failed({ ...base, signer: key.name, keyId: key.keyId }, reasonOf(lastError, `key ${key.name}`));
}

function keyless(
  bundle: ParsedBundle,
  base: Base,
  ctx: CosignVerifyContext,
  mismatch: string | null,
): CosignFinding {
  let chain: Certificate[];
  try {
    chain = bundle.certificates.map((der) => readCertificate(der));
  } catch (error) {
    return failed(base, `its signing certificate does not parse: ${(error as Error).message}`);
  }
  const leaf = chain[0]!;
  const { identity, issuer } = keylessIdentity(leaf);
  const who = `keyless signature by ${identity}${issuer ? ` (issuer ${issuer})` : ''}`;
  const withIdentity = {
    ...base,
    signer: identity,
    certificateChain: chain.map((c) => c.pem),
    ...(issuer ? { issuer } : {}),
  };
  if (bundle.dsse && !signatureMatches(bundle.dsse, leaf)) {
    return failed(
      withIdentity,
      `${who}: the signature does not match the certificate it carries (altered since it was signed)`,
    );
  }
  if (mismatch) return failed(withIdentity, mismatch);
  if (!ctx.trustRoot)
    return unverifiable(withIdentity, `${who}: not verified, no Sigstore trust root imported`);
  try {
    runVerifier(bundle, ctx, undefined);
  } catch (error) {
    const code = error instanceof VerificationError ? error.code : '';
    if (code === 'CERTIFICATE_ERROR' && /expired/.test(String((error as Error).cause))) {
      return failed(withIdentity, `${who}: the certificate was not valid when it was logged`);
    }
    const reason = `${who}: ${reasonOf(error, 'its certificate')}`;
    // Not chaining to the imported CAs, or no log entry at all, is "cannot tell", not "forged".
    return code === 'CERTIFICATE_ERROR' || code === 'TIMESTAMP_ERROR'
      ? unverifiable(withIdentity, reason)
      : failed(withIdentity, reason);
  }
  return verified(withIdentity, `${who}, verified with the trust root ${ctx.trustRoot.name}`);
}

/** Throws @sigstore/verify's VerificationError when the bundle does not verify. */
function runVerifier(bundle: ParsedBundle, ctx: CosignVerifyContext, key: TrustedKey | undefined): void {
  const root = ctx.trustRoot;
  const empty: TrustMaterial = {
    certificateAuthorities: [],
    timestampAuthorities: [],
    tlogs: [],
    ctlogs: [],
    publicKey: noKey,
  };
  const material = root ? toTrustMaterial(root.sigstore, noKey) : empty;
  if (key) material.publicKey = () => ({ publicKey: key.key, validFor: () => true });
  let sigstore = bundle.sigstore;
  let options: VerifierOptions;
  if (key) {
    // A key needs no time: log entries are checked only when a trust root can check them.
    const checkLogs = root !== undefined && bundle.tlogEntryCount > 0;
    if (!checkLogs)
      sigstore = {
        ...sigstore,
        verificationMaterial: {
          ...sigstore.verificationMaterial,
          tlogEntries: [],
          timestampVerificationData: undefined,
        },
      };
    options = { tlogThreshold: checkLogs ? 1 : 0, ctlogThreshold: 0, timestampThreshold: 0 };
  } else {
    options = {
      tlogThreshold: 1,
      ctlogThreshold: root && root.ctlogs.length > 0 ? 1 : 0,
      timestampThreshold: 1,
    };
  }
  new Verifier(material, options).verify(toSignedEntity(sigstore));
}

function noKey(hint: string): never {
  throw new VerificationError({ code: 'PUBLIC_KEY_ERROR', message: `no imported key has the hint ${hint}` });
}

function reasonOf(error: unknown, what: string): string {
  if (!(error instanceof VerificationError)) return `it could not be verified: ${(error as Error).message}`;
  switch (error.code) {
    case 'SIGNATURE_ERROR':
      return `signature does not match ${what} (altered since it was signed)`;
    case 'CERTIFICATE_ERROR':
      return 'its certificate is not issued by a Fulcio CA in your trust root';
    case 'TIMESTAMP_ERROR':
      return 'no Rekor entry or timestamp proves when it was signed';
    default:
      return `its transparency log entry does not verify (${error.message})`;
  }
}

function signatureMatches(dsse: NonNullable<ParsedBundle['dsse']>, leaf: Certificate): boolean {
  try {
    const key = leaf.x509.publicKey;
    return cryptoVerify(
      key.asymmetricKeyType === 'ed25519' ? null : 'sha256',
      dsse.preAuthEncoding,
      key,
      dsse.signature,
    );
  } catch {
    return false;
  }
}
