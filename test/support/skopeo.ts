import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sha256 } from './registry-content.js';

/** skopeo, the independent peer: the manifest bytes it reads from a loopback (plain-HTTP) registry. */
export async function skopeoRaw(reference: string, home: string): Promise<Buffer> {
  const { stdout } = await promisify(execFile)(
    'skopeo',
    ['inspect', '--raw', '--tls-verify=false', `docker://${reference}`],
    { encoding: 'buffer', env: { PATH: process.env.PATH, HOME: home } },
  );
  return stdout;
}

/** The digest of what skopeo reads: the sha256 of the manifest bytes as served. */
export async function skopeoDigest(reference: string, home: string): Promise<string> {
  return sha256(await skopeoRaw(reference, home));
}
