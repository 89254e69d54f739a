import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface SelfSignedCertificate {
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
  /** The certificate in DER, as a JWT's `x5c` carries it (base64). */
  certDer: Buffer;
}

/**
 * A throwaway self-signed P-256 certificate made by openssl, valid two days. `subjectAltName` as
 * openssl writes it: `IP:127.0.0.1`, `DNS:localhost,IP:127.0.0.1`.
 */
export async function selfSignedCertificate(opts: {
  commonName: string;
  subjectAltName?: string;
}): Promise<SelfSignedCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'stevedore-cert-'));
  try {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${opts.commonName}`,
      ...(opts.subjectAltName ? ['-addext', `subjectAltName=${opts.subjectAltName}`] : []),
    ]);
    const certPem = await readFile(cert, 'utf8');
    return {
      certPem,
      keyPem: await readFile(key, 'utf8'),
      certDer: Buffer.from(new X509Certificate(certPem).raw),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
