import { createHash, generateKeyPairSync, type KeyObject, sign, X509Certificate } from 'node:crypto';

/**
 * A test certificate authority made with node's crypto: X.509 v3 certificates written field by
 * field from RFC 5280 (a small DER encoder below), so tests control every extension (key usage,
 * EKU, SAN, Fulcio's OIDC issuer) and validity windows in the past or future that openssl's CLI
 * cannot easily make. `openssl verify` checks what this writes in the unit tests.
 */

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}
export const der = {
  seq: (...items: Buffer[]) => tlv(0x30, Buffer.concat(items)),
  set: (...items: Buffer[]) => tlv(0x31, Buffer.concat(items)),
  int: (value: number | Buffer) => {
    let bytes = typeof value === 'number' ? Buffer.from([value]) : value;
    // DER wants the shortest form: no leading zero byte unless the next byte's top bit needs it.
    while (bytes.length > 1 && bytes[0] === 0 && !((bytes[1] ?? 0) & 0x80)) bytes = bytes.subarray(1);
    if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return tlv(0x02, bytes);
  },
  bool: (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0])),
  null: () => Buffer.from([0x05, 0x00]),
  oid: (dotted: string) => {
    const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
    const bytes = [40 * a + b];
    for (const part of rest) {
      const chunk = [part & 0x7f];
      for (let v = part >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
      bytes.push(...chunk);
    }
    return tlv(0x06, Buffer.from(bytes));
  },
  utf8: (text: string) => tlv(0x0c, Buffer.from(text, 'utf8')),
  printable: (text: string) => tlv(0x13, Buffer.from(text, 'latin1')),
  octet: (bytes: Buffer) => tlv(0x04, bytes),
  bits: (bytes: Buffer, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), bytes])),
  time: (date: Date) => {
    const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    return date.getUTCFullYear() < 2050
      ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
      : tlv(0x18, Buffer.from(`${iso}Z`));
  },
  /** [n] EXPLICIT (constructed) or IMPLICIT primitive context tag. */
  context: (n: number, content: Buffer, constructed = true) => tlv((constructed ? 0xa0 : 0x80) | n, content),
};

const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
] as const;
export type TestKeyUsage = (typeof KEY_USAGE_BITS)[number];

export const EKU = {
  codeSigning: '1.3.6.1.5.5.7.3.3',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  timeStamping: '1.3.6.1.5.5.7.3.8',
};

export interface CertificateSpec {
  commonName: string;
  organization?: string;
  /** Signs the certificate; self-signed when absent. */
  issuer?: TestCertificate;
  /** The certificate's key pair; a new P-256 pair when absent. */
  keys?: { privateKey: KeyObject; publicKey: KeyObject };
  notBefore?: Date;
  notAfter?: Date;
  /** basicConstraints: `true` a CA (critical), `false` an end entity (not critical), absent: none. */
  ca?: boolean;
  pathLength?: number;
  /** keyUsage, critical; null leaves the extension out. */
  keyUsage?: TestKeyUsage[] | null;
  /** extendedKeyUsage OIDs; absent leaves it out. */
  extendedKeyUsage?: string[];
  subjectAltName?: { emails?: string[]; uris?: string[] };
  /** Raw extensions (Fulcio's): extnValue content as given. */
  extensions?: { oid: string; value: Buffer; critical?: boolean }[];
}

export interface TestCertificate {
  der: Buffer;
  pem: string;
  x509: X509Certificate;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The DER of its subject Name, for the certificates it issues. */
  name: Buffer;
  /** Its subject key identifier, which the certificates it issues name as their authority's. */
  keyId: Buffer;
}

const DAY = 86_400_000;

export function p256(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

export function rsa(bits = 2048): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: bits });
}

export function makeCertificate(spec: CertificateSpec): TestCertificate {
  const keys = spec.keys ?? p256();
  const name = der.seq(
    ...(spec.organization ? [der.set(der.seq(der.oid('2.5.4.10'), der.utf8(spec.organization)))] : []),
    der.set(der.seq(der.oid('2.5.4.3'), der.utf8(spec.commonName))),
  );
  const issuerKey = spec.issuer?.privateKey ?? keys.privateKey;
  const rsaIssuer = issuerKey.asymmetricKeyType === 'rsa';
  const algorithm = rsaIssuer
    ? der.seq(der.oid('1.2.840.113549.1.1.11'), der.null())
    : der.seq(der.oid('1.2.840.10045.4.3.2'));
  const spki = keys.publicKey.export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha1').update(spki).digest();
  const tbs = der.seq(
    der.context(0, der.int(2)),
    der.int(createHash('sha256').update(spki).update(spec.commonName).digest().subarray(0, 16)),
    algorithm,
    spec.issuer?.name ?? name,
    der.seq(
      der.time(spec.notBefore ?? new Date(Date.now() - DAY)),
      der.time(spec.notAfter ?? new Date(Date.now() + 30 * DAY)),
    ),
    name,
    spki,
    der.context(3, der.seq(...extensions(spec, keyId, spec.issuer?.keyId ?? keyId))),
  );
  const signature = sign('sha256', tbs, issuerKey);
  const certDer = der.seq(tbs, algorithm, der.bits(signature));
  const x509 = new X509Certificate(certDer);
  return { der: certDer, pem: x509.toString(), x509, ...keys, name, keyId };
}

function extension(oid: string, value: Buffer, critical = false): Buffer {
  return der.seq(der.oid(oid), ...(critical ? [der.bool(true)] : []), der.octet(value));
}

function extensions(spec: CertificateSpec, keyId: Buffer, authorityKeyId: Buffer): Buffer[] {
  const out: Buffer[] = [
    extension('2.5.29.14', der.octet(keyId)),
    extension('2.5.29.35', der.seq(der.context(0, authorityKeyId, false))),
  ];
  if (spec.ca !== undefined) {
    const body = spec.ca
      ? der.seq(der.bool(true), ...(spec.pathLength !== undefined ? [der.int(spec.pathLength)] : []))
      : der.seq();
    out.push(extension('2.5.29.19', body, spec.ca));
  }
  const usages =
    spec.keyUsage === undefined
      ? spec.ca
        ? ['keyCertSign', 'cRLSign']
        : ['digitalSignature']
      : spec.keyUsage;
  if (usages) {
    const bits = KEY_USAGE_BITS.map((u) => usages.includes(u));
    const last = bits.lastIndexOf(true);
    const bytes = Buffer.alloc(Math.max(1, Math.ceil((last + 1) / 8)));
    bits.forEach((set, i) => {
      if (set) bytes[i >> 3]! |= 0x80 >> (i & 7);
    });
    out.push(extension('2.5.29.15', der.bits(bytes, last < 0 ? 0 : bytes.length * 8 - (last + 1)), true));
  }
  if (spec.extendedKeyUsage) out.push(extension('2.5.29.37', der.seq(...spec.extendedKeyUsage.map(der.oid))));
  const san = spec.subjectAltName;
  if (san) {
    const names = [
      ...(san.emails ?? []).map((email) => der.context(1, Buffer.from(email), false)),
      ...(san.uris ?? []).map((uri) => der.context(6, Buffer.from(uri), false)),
    ];
    out.push(extension('2.5.29.17', der.seq(...names), true));
  }
  for (const ext of spec.extensions ?? []) out.push(extension(ext.oid, ext.value, ext.critical));
  return out;
}

/** A root CA, an intermediate under it, and a code-signing leaf under that (Notation's usual shape). */
export function notationChain(leaf: Partial<CertificateSpec> = {}) {
  const root = makeCertificate({
    commonName: 'Stevedore Test Root CA',
    organization: 'stevedore-tests',
    ca: true,
  });
  const intermediate = makeCertificate({
    commonName: 'Stevedore Test Signing CA',
    issuer: root,
    ca: true,
    pathLength: 0,
  });
  const signer = makeCertificate({
    commonName: 'release signer',
    organization: 'stevedore-tests',
    issuer: intermediate,
    ca: false,
    keyUsage: ['digitalSignature'],
    extendedKeyUsage: [EKU.codeSigning],
    ...leaf,
  });
  return { root, intermediate, signer };
}
