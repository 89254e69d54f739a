import { createHash, X509Certificate } from 'node:crypto';
import { TrustMaterialError } from '../errors.js';
import { DER, type DerNode, derChildren, derOid, derSequence, derText, readDer } from './der.js';
import { pemBlocks, toPem } from './pem.js';

export const OID = {
  subjectAltName: '2.5.29.17',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  ekuCodeSigning: '1.3.6.1.5.5.7.3.3',
  ekuServerAuth: '1.3.6.1.5.5.7.3.1',
  ekuClientAuth: '1.3.6.1.5.5.7.3.2',
  ekuEmailProtection: '1.3.6.1.5.5.7.3.4',
  ekuTimeStamping: '1.3.6.1.5.5.7.3.8',
  ekuAny: '2.5.29.37.0',
} as const;

/** Key usage bits in the order RFC 5280 numbers them. */
export const KEY_USAGES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

export interface CertificateExtension {
  oid: string;
  critical: boolean;
  /** The extnValue's content: the extension's own DER. */
  value: Buffer;
}

/** One certificate, with what trust decisions need read out of it. */
export interface Certificate {
  x509: X509Certificate;
  der: Buffer;
  pem: string;
  /** `C=US, O=acme, CN=signer`, in the certificate's order. */
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** sha256 of the DER, lowercase hex (Notation's thumbprint). */
  sha256: string;
  extensions: CertificateExtension[];
  /** Null when the extension is absent. */
  basicConstraints: { critical: boolean; ca: boolean; pathLength: number | null } | null;
  keyUsage: { critical: boolean; usages: KeyUsage[] } | null;
  extendedKeyUsage: string[] | null;
  subjectAltNames: { emails: string[]; uris: string[]; dnsNames: string[] };
}

/** Reads a certificate from DER or PEM; CERTIFICATE_INVALID with the reason when it does not parse. */
export function readCertificate(input: Uint8Array | string): Certificate {
  const der = typeof input === 'string' ? pemCertificateDer(input) : Buffer.from(input);
  let x509: X509Certificate;
  let tbs: DerNode[];
  try {
    x509 = new X509Certificate(der);
    const [tbsNode] = derSequence(readDer(der), 'the certificate');
    tbs = derSequence(tbsNode!, 'the certificate body');
  } catch (error) {
    if (error instanceof TrustMaterialError) throw error;
    throw new TrustMaterialError(
      'CERTIFICATE_INVALID',
      `Not an X.509 certificate: ${(error as Error).message}`,
    );
  }
  const at = tbs[0]?.tagClass === 2 && tbs[0].tag === 0 ? 1 : 0;
  const validity = derSequence(tbs[at + 3]!, 'the validity');
  const extensions = readExtensions(tbs.slice(at + 6));
  return {
    x509,
    der,
    pem: toPem('CERTIFICATE', der),
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    notBefore: derTime(validity[0]!),
    notAfter: derTime(validity[1]!),
    sha256: createHash('sha256').update(der).digest('hex'),
    extensions,
    basicConstraints: basicConstraints(extensions),
    keyUsage: keyUsage(extensions),
    extendedKeyUsage: extendedKeyUsage(extensions),
    subjectAltNames: subjectAltNames(extensions),
  };
}

/** Every certificate in a PEM bundle (a CA file may hold several). */
export function readCertificates(pem: string): Certificate[] {
  const blocks = pemBlocks(pem).filter((block) => block.label === 'CERTIFICATE');
  if (blocks.length === 0) {
    throw new TrustMaterialError('CERTIFICATE_INVALID', 'No "BEGIN CERTIFICATE" block was found.');
  }
  return blocks.map((block) => readCertificate(block.der));
}

export function extension(cert: Certificate, oid: string): CertificateExtension | undefined {
  return cert.extensions.find((ext) => ext.oid === oid);
}

/** The common name, else the whole subject: how a signer is shown. */
export function commonName(cert: Certificate): string {
  const cn = /(?:^|, )CN=([^,]+)/.exec(cert.subject);
  return cn ? cn[1]! : cert.subject;
}

function pemCertificateDer(pem: string): Buffer {
  const block = pemBlocks(pem).find((b) => b.label === 'CERTIFICATE');
  if (!block) throw new TrustMaterialError('CERTIFICATE_INVALID', 'No "BEGIN CERTIFICATE" block was found.');
  return block.der;
}

function oneLine(name: string): string {
  return name.split('\n').join(', ');
}

function derTime(node: DerNode): Date {
  const text = node.content.toString('latin1');
  const match =
    node.tag === DER.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) throw new TrustMaterialError('CERTIFICATE_INVALID', `Unreadable certificate time "${text}".`);
  let year = Number(match[1]);
  if (node.tag === DER.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const [month, day, hour, minute, second] = match.slice(2).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

function readExtensions(rest: DerNode[]): CertificateExtension[] {
  const wrapper = rest.find((node) => node.tagClass === 2 && node.tag === 3);
  if (!wrapper) return [];
  const [list] = derChildren(wrapper);
  return derSequence(list!, 'the extensions').map((node) => {
    const parts = derSequence(node, 'an extension');
    const critical = parts.length === 3 && parts[1]!.tag === DER.BOOLEAN && parts[1]!.content[0] !== 0;
    const value = parts[parts.length - 1]!;
    if (value.tag !== DER.OCTET_STRING)
      throw new TrustMaterialError('CERTIFICATE_INVALID', 'Malformed extension.');
    return { oid: derOid(parts[0]!), critical, value: value.content };
  });
}

function find(extensions: CertificateExtension[], oid: string): CertificateExtension | undefined {
  return extensions.find((ext) => ext.oid === oid);
}

function basicConstraints(extensions: CertificateExtension[]): Certificate['basicConstraints'] {
  const ext = find(extensions, OID.basicConstraints);
  if (!ext) return null;
  const parts = derSequence(readDer(ext.value), 'basicConstraints');
  const ca = parts[0]?.tag === DER.BOOLEAN && parts[0].content[0] !== 0;
  const length = parts.find((part) => part.tag === DER.INTEGER);
  return {
    critical: ext.critical,
    ca,
    pathLength: length ? length.content.readUIntBE(0, length.content.length) : null,
  };
}

function keyUsage(extensions: CertificateExtension[]): Certificate['keyUsage'] {
  const ext = find(extensions, OID.keyUsage);
  if (!ext) return null;
  const bits = readDer(ext.value).content.subarray(1);
  const usages = KEY_USAGES.filter((_, i) => ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
  return { critical: ext.critical, usages };
}

function extendedKeyUsage(extensions: CertificateExtension[]): string[] | null {
  const ext = find(extensions, OID.extendedKeyUsage);
  return ext ? derSequence(readDer(ext.value), 'extendedKeyUsage').map(derOid) : null;
}

function subjectAltNames(extensions: CertificateExtension[]): Certificate['subjectAltNames'] {
  const names: Certificate['subjectAltNames'] = { emails: [], uris: [], dnsNames: [] };
  const ext = find(extensions, OID.subjectAltName);
  if (!ext) return names;
  for (const name of derSequence(readDer(ext.value), 'subjectAltName')) {
    if (name.tagClass !== 2) continue;
    if (name.tag === 1) names.emails.push(derText(name));
    else if (name.tag === 2) names.dnsNames.push(derText(name));
    else if (name.tag === 6) names.uris.push(derText(name));
  }
  return names;
}
