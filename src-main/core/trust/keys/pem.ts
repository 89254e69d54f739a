import { TrustMaterialError } from '../errors.js';

export interface PemBlock {
  /** What is between `-----BEGIN ` and `-----`: `PUBLIC KEY`, `CERTIFICATE`, `EC PRIVATE KEY`. */
  label: string;
  /** The decoded body. */
  der: Buffer;
  /** The block as written, headers included. */
  text: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block of `text`, in order; text around them (comments, `openssl x509 -text`) is ignored. */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const body = match[2]!;
    // Proc-Type / DEK-Info headers (legacy OpenSSL encryption) stay in the body for Node to read.
    if (/^[A-Za-z-]+:/m.test(body)) {
      blocks.push({ label: match[1]!, der: Buffer.alloc(0), text: match[0] });
      continue;
    }
    const base64 = body.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
      throw new TrustMaterialError('KEY_INVALID', `The PEM block "${match[1]}" is not valid base64.`);
    }
    blocks.push({ label: match[1]!, der: Buffer.from(base64, 'base64'), text: match[0] });
  }
  return blocks;
}

/** PEM with 64-character lines, as openssl and cosign write it. */
export function toPem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
