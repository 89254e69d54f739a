import { createPrivateKey, type KeyObject, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { TrustMaterialError } from '../errors.js';
import { toPem } from './pem.js';
import { deriveKey, SCRYPT_DEFAULTS, scryptParamsAcceptable } from './scrypt.js';
import { SECRETBOX_NONCE_BYTES, secretboxOpen, secretboxSeal } from './secretbox.js';

/** The PEM label cosign writes (`cosign generate-key-pair`); older releases wrote the COSIGN one. */
export const COSIGN_KEY_LABEL = 'ENCRYPTED SIGSTORE PRIVATE KEY';
export const COSIGN_KEY_LABELS = [COSIGN_KEY_LABEL, 'ENCRYPTED COSIGN PRIVATE KEY'];

/**
 * The body of cosign's key file (go-securesystemslib's `encrypted` format): the PKCS #8 DER of
 * the private key, sealed with NaCl secretbox under a key scrypt derives from the password.
 */
const keyFileSchema = z.object({
  kdf: z.object({
    name: z.literal('scrypt'),
    params: z.object({ N: z.number(), r: z.number(), p: z.number() }),
    salt: z.string(),
  }),
  cipher: z.object({ name: z.literal('nacl/secretbox'), nonce: z.string() }),
  ciphertext: z.string(),
});

/** Opens a cosign key file's body; KEY_PASSWORD_WRONG when the password does not open it. */
export async function decryptCosignKey(body: Buffer, password: string, name: string): Promise<KeyObject> {
  let file: z.output<typeof keyFileSchema>;
  try {
    file = keyFileSchema.parse(JSON.parse(body.toString('utf8')));
  } catch {
    throw new TrustMaterialError(
      'KEY_INVALID',
      `${name} is not a cosign key file (its body is not cosign's JSON).`,
    );
  }
  if (!scryptParamsAcceptable(file.kdf.params)) {
    throw new TrustMaterialError(
      'KEY_INVALID',
      `${name} asks for scrypt parameters we refuse as unreasonable.`,
    );
  }
  const nonce = Buffer.from(file.cipher.nonce, 'base64');
  if (nonce.length !== SECRETBOX_NONCE_BYTES) {
    throw new TrustMaterialError('KEY_INVALID', `${name} has a nonce of the wrong size.`);
  }
  const key = await deriveKey(password, Buffer.from(file.kdf.salt, 'base64'), file.kdf.params);
  const der = secretboxOpen(Buffer.from(file.ciphertext, 'base64'), nonce, key);
  if (!der) {
    throw new TrustMaterialError('KEY_PASSWORD_WRONG', `The password does not open ${name}.`);
  }
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw new TrustMaterialError(
      'KEY_INVALID',
      `${name} decrypts to something that is not a private key.`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

/** `key` as cosign writes `cosign.key`, so the cosign CLI can sign with it (same password). */
export async function encryptCosignKey(key: KeyObject, password: string): Promise<string> {
  const salt = randomBytes(32);
  const nonce = randomBytes(SECRETBOX_NONCE_BYTES);
  const secret = await deriveKey(password, salt, SCRYPT_DEFAULTS);
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const body = {
    kdf: { name: 'scrypt', params: SCRYPT_DEFAULTS, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: secretboxSeal(der, nonce, secret).toString('base64'),
  };
  return toPem(COSIGN_KEY_LABEL, Buffer.from(JSON.stringify(body)));
}
