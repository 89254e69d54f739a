import { invalid, objectAt, stringAt } from './json-fields.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The bytes a signed schema 1 manifest's digest covers: the document without its signatures
 * (libtrust's "pretty JWS"). Each signature's protected header says how: keep the first
 * `formatLength` bytes and append `formatTail` (base64url), which restores the closing brace.
 */
export function schema1Payload(bytes: Uint8Array): Uint8Array {
  let document: unknown;
  try {
    document = JSON.parse(utf8.decode(bytes));
  } catch {
    throw invalid('', 'not UTF-8 JSON');
  }
  const signatures = objectAt(document, '').signatures;
  if (!Array.isArray(signatures) || signatures.length === 0)
    throw invalid('signatures', 'must be a non-empty array');
  const encoded = stringAt(objectAt(signatures[0], 'signatures[0]').protected, 'signatures[0].protected');
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw invalid('signatures[0].protected', 'is not base64url JSON');
  }
  const { formatLength, formatTail } = objectAt(header, 'signatures[0].protected');
  if (typeof formatLength !== 'number' || !Number.isSafeInteger(formatLength) || formatLength < 0) {
    throw invalid('signatures[0].protected.formatLength', 'must be a non-negative integer');
  }
  if (formatLength > bytes.length) {
    throw invalid('signatures[0].protected.formatLength', 'is longer than the manifest');
  }
  const tail = Buffer.from(stringAt(formatTail, 'signatures[0].protected.formatTail'), 'base64url');
  return Buffer.concat([bytes.subarray(0, formatLength), tail]);
}
