import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { TrustMaterialError } from '../errors.js';
import { type Certificate, readCertificate, readCertificates } from '../keys/x509.js';

/**
 * A Notation trust store: CA certificates the user imported, under a name (Notation keeps them
 * in `truststore/x509/ca/<name>/`). A signature verifies when its chain reaches one of them.
 */
export interface NotationTrustStore {
  name: string;
  certificates: Certificate[];
}

/** A trust store from PEM text (one or more certificates). */
export function trustStoreFromPem(name: string, pem: string): NotationTrustStore {
  return { name, certificates: readCertificates(pem) };
}

const CERTIFICATE_FILES = new Set(['.pem', '.crt', '.cer', '.der']);

/**
 * A trust store from a folder of certificate files (`.pem`, `.crt`, `.cer` in PEM or DER),
 * named after the folder unless `name` is given, as Notation lays them out. A file that is not
 * a certificate is an error naming it, not silently skipped: a trust store is a security setting.
 */
export async function readTrustStoreDir(dir: string, name?: string): Promise<NotationTrustStore> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((file) => CERTIFICATE_FILES.has(extname(file).toLowerCase())).sort();
  } catch (error) {
    throw new TrustMaterialError(
      'CERTIFICATE_INVALID',
      `Cannot read the trust store ${dir}: ${(error as Error).message}`,
    );
  }
  const certificates: Certificate[] = [];
  for (const file of files) {
    const bytes = await readFile(join(dir, file));
    try {
      const text = bytes.toString('latin1');
      certificates.push(...(text.includes('-----BEGIN') ? readCertificates(text) : [readCertificate(bytes)]));
    } catch (error) {
      throw new TrustMaterialError(
        'CERTIFICATE_INVALID',
        `${join(dir, file)} is not a certificate: ${(error as Error).message}`,
      );
    }
  }
  if (certificates.length === 0) {
    throw new TrustMaterialError(
      'CERTIFICATE_INVALID',
      `The trust store ${dir} holds no certificate (.pem, .crt, .cer).`,
    );
  }
  return { name: name ?? dir.split(/[\\/]/).filter(Boolean).pop() ?? dir, certificates };
}
