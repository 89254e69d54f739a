import type { KeyObject } from 'node:crypto';

export const NOTATION_PAYLOAD_TYPE = 'application/vnd.cncf.notary.payload.v1+json';
export const SIGNING_SCHEME = 'io.cncf.notary.signingScheme';
export const SIGNING_TIME = 'io.cncf.notary.signingTime';
export const AUTHENTIC_SIGNING_TIME = 'io.cncf.notary.authenticSigningTime';
export const EXPIRY = 'io.cncf.notary.expiry';
export const SIGNING_AGENT = 'io.cncf.notary.signingAgent';

/** The critical headers we implement; any other (a verification plugin, say) fails the signature. */
export const UNDERSTOOD_CRITICAL: readonly string[] = [SIGNING_SCHEME, AUTHENTIC_SIGNING_TIME, EXPIRY];

/** A Notation signature envelope, JWS or COSE, read into one shape. */
export interface NotationEnvelope {
  format: 'jws' | 'cose';
  /** `ES256`, `PS384`…: JWS names, COSE's numbers translated. */
  algorithm: string;
  contentType: string | null;
  signingScheme: string | null;
  /** `notary.x509`: the signer's own (untrusted) clock. */
  signingTime: Date | null;
  /** `notary.x509.signingAuthority`: the signing authority's. */
  authenticSigningTime: Date | null;
  /** The signer's "best before" for the artifact. */
  expiry: Date | null;
  critical: string[];
  signingAgent: string | null;
  /** The signed payload: `{"targetArtifact": descriptor}`. */
  payload: Buffer;
  /** The `x5c` / `x5chain` certificates, DER, leaf first. */
  certificates: Buffer[];
  /** Whether the envelope's signature verifies with `key` (the leaf certificate's) for its algorithm. */
  verify(key: KeyObject): Promise<boolean>;
}

/** COSE algorithm numbers (RFC 9053) of the algorithms Notation allows. */
export const COSE_ALGORITHMS: Readonly<Record<number, string>> = {
  [-7]: 'ES256',
  [-35]: 'ES384',
  [-36]: 'ES512',
  [-37]: 'PS256',
  [-38]: 'PS384',
  [-39]: 'PS512',
};

/** Whether `algorithm` fits the key (Notation: the key decides the algorithm; a mismatch is substitution). */
export function algorithmFitsKey(algorithm: string, key: KeyObject): boolean {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  switch (algorithm) {
    case 'ES256':
      return curve === 'prime256v1';
    case 'ES384':
      return curve === 'secp384r1';
    case 'ES512':
      return curve === 'secp521r1';
    case 'PS256':
    case 'PS384':
    case 'PS512':
      return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
    default:
      return false;
  }
}
