import { TrustMaterialError } from '../errors.js';
import { oidText } from './oid.js';

/**
 * A minimal DER reader: enough of ASN.1 to walk X.509 certificates (extensions, names, key usage)
 * and SubjectPublicKeyInfo. Node's X509Certificate parses and verifies certificates but does not
 * expose extensions by OID, key usage bits or the Fulcio identity extensions.
 */
export interface DerNode {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  tagClass: number;
  constructed: boolean;
  /** The tag number (16 SEQUENCE, 6 OID, 4 OCTET STRING, [n] for context tags). */
  tag: number;
  /** The content octets. */
  content: Buffer;
  /** The whole element, header included. */
  raw: Buffer;
}

export const DER = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  OID: 6,
  UTF8_STRING: 12,
  SEQUENCE: 16,
  SET: 17,
  PRINTABLE_STRING: 19,
  IA5_STRING: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
} as const;

function malformed(what: string): TrustMaterialError {
  return new TrustMaterialError('CERTIFICATE_INVALID', `Malformed DER: ${what}.`);
}

/** Reads the element at `offset`; `end` is where the enclosing content stops. */
export function readDer(bytes: Buffer, offset = 0, end = bytes.length): DerNode {
  if (offset + 2 > end) throw malformed('truncated header');
  const first = bytes[offset]!;
  let tag = first & 0x1f;
  let at = offset + 1;
  if (tag === 0x1f) {
    tag = 0;
    for (;;) {
      if (at >= end) throw malformed('truncated tag');
      const byte = bytes[at++]!;
      tag = tag * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
      if (tag > 0xffffff) throw malformed('tag too large');
    }
  }
  if (at >= end) throw malformed('truncated length');
  let length = bytes[at++]!;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || at + count > end) throw malformed('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[at++]!;
  }
  if (at + length > end) throw malformed('content runs past its container');
  return {
    tagClass: first >> 6,
    constructed: (first & 0x20) !== 0,
    tag,
    content: bytes.subarray(at, at + length),
    raw: bytes.subarray(offset, at + length),
  };
}

/** The elements inside a constructed node, in order. */
export function derChildren(node: DerNode): DerNode[] {
  const children: DerNode[] = [];
  let offset = 0;
  while (offset < node.content.length) {
    const child = readDer(node.content, offset);
    children.push(child);
    offset += child.raw.length;
  }
  return children;
}

/** A universal SEQUENCE's children, refusing anything else. */
export function derSequence(node: DerNode, what: string): DerNode[] {
  if (node.tagClass !== 0 || node.tag !== DER.SEQUENCE) throw malformed(`${what} is not a SEQUENCE`);
  return derChildren(node);
}

/** Dotted form of an OBJECT IDENTIFIER's content: `1.3.6.1.4.1.57264.1.1`. */
export function derOid(node: DerNode): string {
  if (node.tagClass !== 0 || node.tag !== DER.OID || node.content.length === 0) throw malformed('not an OID');
  return oidText(node.content);
}

/** The text of a string type (UTF8String, PrintableString, IA5String and the like). */
export function derText(node: DerNode): string {
  return node.content.toString(node.tag === DER.UTF8_STRING ? 'utf8' : 'latin1');
}
