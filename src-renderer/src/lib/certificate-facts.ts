import { oidText } from '../../../src-main/core/trust/keys/oid.js';

/**
 * What a certificate chain diagram needs from a PEM certificate: subject, issuer, validity and
 * whether it is a CA. Main verifies the chain; this only reads names for people, in the page,
 * without Node's Buffer. A minimal DER walk of RFC 5280's TBSCertificate; null for what it cannot read.
 * Pure functions: the unit tests pin them down against Node's own X509Certificate.
 */

export interface CertificateFacts {
  /** `CN=…, O=…` in the certificate's order. */
  subject: string;
  issuer: string;
  /** The subject's common name, or the whole subject when it has none. */
  commonName: string;
  notBefore: string | null;
  notAfter: string | null;
  isCa: boolean;
  /** Emails and URIs of the subject alternative name (keyless identities live there). */
  altNames: string[];
  selfSigned: boolean;
}

interface Node {
  tag: number;
  /** [n] context tags keep their number in `tag` with `context` set. */
  context: boolean;
  content: Uint8Array;
  end: number;
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'E',
};
const BASIC_CONSTRAINTS = '2.5.29.19';
const SUBJECT_ALT_NAME = '2.5.29.17';

function read(bytes: Uint8Array, offset: number): Node {
  const first = bytes[offset];
  let length = bytes[offset + 1];
  if (first === undefined || length === undefined || (first & 0x1f) === 0x1f) throw new Error('bad DER');
  let at = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error('bad DER length');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (bytes[at++] ?? 0);
  }
  if (at + length > bytes.length) throw new Error('truncated DER');
  return {
    tag: first & 0x1f,
    context: first >> 6 === 2,
    content: bytes.subarray(at, at + length),
    end: at + length,
  };
}

function children(node: Node): Node[] {
  const list: Node[] = [];
  for (let offset = 0; offset < node.content.length; ) {
    const child = read(node.content, offset);
    list.push(child);
    offset = child.end;
  }
  return list;
}

const oid = (node: Node) => oidText(node.content);

const text = (node: Node) => new TextDecoder(node.tag === 12 ? 'utf-8' : 'latin1').decode(node.content);

/** `Name` → `[['CN', 'leaf'], ['O', 'Acme']]`. */
function nameParts(name: Node): Array<[string, string]> {
  const parts: Array<[string, string]> = [];
  for (const set of children(name)) {
    for (const attribute of children(set)) {
      const [type, value] = children(attribute);
      if (type && value) parts.push([ATTRIBUTE_NAMES[oid(type)] ?? oid(type), text(value)]);
    }
  }
  return parts;
}

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ) → ISO 8601. */
function time(node: Node): string | null {
  const value = text(node);
  const match = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return null;
  const year =
    match[1]!.length === 2 ? (Number(match[1]) < 50 ? 2000 : 1900) + Number(match[1]) : Number(match[1]);
  return `${year}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`;
}

function base64Bytes(pem: string): Uint8Array | null {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  if (!match) return null;
  try {
    return Uint8Array.from(atob(match[1]!.replace(/\s+/g, '')), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

function extensions(tbs: Node[]): { isCa: boolean; altNames: string[] } {
  const wrapper = tbs.find((node) => node.context && node.tag === 3);
  const result = { isCa: false, altNames: [] as string[] };
  if (!wrapper) return result;
  const [list] = children(wrapper);
  for (const extension of list ? children(list) : []) {
    const parts = children(extension);
    const id = parts[0] ? oid(parts[0]) : '';
    const value = parts.at(-1);
    if (!value) continue;
    const inner = read(value.content, 0);
    if (id === BASIC_CONSTRAINTS) {
      const first = children(inner)[0];
      result.isCa = first?.tag === 1 && first.content[0] !== 0;
    } else if (id === SUBJECT_ALT_NAME) {
      // rfc822Name [1] and URI [6] are IA5 strings: the identities keyless signing writes.
      for (const general of children(inner)) {
        if (general.context && (general.tag === 1 || general.tag === 6)) result.altNames.push(text(general));
      }
    }
  }
  return result;
}

const joinName = (parts: Array<[string, string]>) =>
  parts.map(([key, value]) => `${key}=${value}`).join(', ');

export function certificateFacts(pem: string): CertificateFacts | null {
  const bytes = base64Bytes(pem);
  if (!bytes) return null;
  try {
    const [tbsNode] = children(read(bytes, 0));
    if (!tbsNode) return null;
    const tbs = children(tbsNode);
    // An explicit version ([0]) shifts the fields by one.
    const at = tbs[0]?.context && tbs[0].tag === 0 ? 1 : 0;
    const issuerParts = nameParts(tbs[at + 2]!);
    const validity = children(tbs[at + 3]!);
    const subjectParts = nameParts(tbs[at + 4]!);
    const subject = joinName(subjectParts);
    const issuer = joinName(issuerParts);
    const { isCa, altNames } = extensions(tbs);
    return {
      subject,
      issuer,
      commonName: subjectParts.find(([key]) => key === 'CN')?.[1] ?? (subject || altNames[0] || 'unnamed'),
      notBefore: validity[0] ? time(validity[0]) : null,
      notAfter: validity[1] ? time(validity[1]) : null,
      isCa,
      altNames,
      selfSigned: subject === issuer,
    };
  } catch {
    return null;
  }
}
