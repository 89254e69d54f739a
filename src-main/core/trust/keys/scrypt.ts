import { scrypt } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** What cosign uses for its key files, and we for ours: about 64 MiB and a fraction of a second. */
export const SCRYPT_DEFAULTS: ScryptParams = { N: 65536, r: 8, p: 1 };

/** Cost limits for files we read: enough for cosign's defaults, not for a file that asks for gigabytes. */
const MAX_N = 2 ** 20;
const MAX_MEMORY = 1024 * 1024 * 1024;

export function scryptParamsAcceptable({ N, r, p }: ScryptParams): boolean {
  return (
    Number.isSafeInteger(N) &&
    N > 1 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    Number.isSafeInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isSafeInteger(p) &&
    p >= 1 &&
    p <= 16 &&
    128 * N * r <= MAX_MEMORY
  );
}

/** A 32-byte key from a password, off the main thread (scrypt runs in libuv's pool). */
export function deriveKey(password: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(password, 'utf8'),
      salt,
      32,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
