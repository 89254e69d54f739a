import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { TrustMaterialError } from '../errors.js';
import { COSIGN_KEY_LABELS, decryptCosignKey } from './cosign-key-file.js';
import { pemBlocks } from './pem.js';
import { type TrustedKey, trustedKey } from './public-key.js';

/** A private key and its public half, named; only ECDSA P-256 keys are kept for signing. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: TrustedKey;
}

/** A new ECDSA P-256 key pair, the kind `cosign generate-key-pair` makes. */
export function generateSigningKey(name: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, publicKey: trustedKey(publicKey, name) };
}

const PLAIN_LABELS = ['PRIVATE KEY', 'EC PRIVATE KEY'];
const ENCRYPTED_LABELS = ['ENCRYPTED PRIVATE KEY', ...COSIGN_KEY_LABELS];

/**
 * Reads a private key as users have them: PKCS #8 (`PRIVATE KEY`), SEC 1 (`EC PRIVATE KEY`,
 * what `openssl ecparam -genkey` writes), encrypted PKCS #8 (`ENCRYPTED PRIVATE KEY`) and
 * cosign's key file (`ENCRYPTED SIGSTORE PRIVATE KEY` / `ENCRYPTED COSIGN PRIVATE KEY`).
 * Encrypted keys need `password` (KEY_PASSWORD_REQUIRED, KEY_PASSWORD_WRONG). Only ECDSA P-256
 * keys are accepted (KEY_UNSUPPORTED): they are what cosign-compatible signing uses.
 */
export async function importSigningKey(text: string, name: string, password?: string): Promise<SigningKey> {
  const block = pemBlocks(text).find(
    (b) => PLAIN_LABELS.includes(b.label) || ENCRYPTED_LABELS.includes(b.label),
  );
  if (!block) {
    const other = pemBlocks(text)[0]?.label;
    throw new TrustMaterialError(
      other ? 'KEY_UNSUPPORTED' : 'KEY_INVALID',
      other
        ? `${name} holds a "${other}", not a private key we can sign with (PKCS #8, EC or cosign key file).`
        : `${name} holds no PEM private key ("BEGIN PRIVATE KEY", "BEGIN EC PRIVATE KEY" or cosign.key).`,
    );
  }
  let privateKey: KeyObject;
  if (ENCRYPTED_LABELS.includes(block.label)) {
    if (password === undefined) {
      throw new TrustMaterialError('KEY_PASSWORD_REQUIRED', `${name} is encrypted: give its password.`);
    }
    privateKey = COSIGN_KEY_LABELS.includes(block.label)
      ? await decryptCosignKey(block.der, password, name)
      : decryptPkcs8(block.text, password, name);
  } else {
    try {
      privateKey = createPrivateKey({ key: block.text, format: 'pem' });
    } catch (error) {
      if (/encrypted/i.test(block.text) && password === undefined) {
        throw new TrustMaterialError('KEY_PASSWORD_REQUIRED', `${name} is encrypted: give its password.`);
      }
      throw new TrustMaterialError(
        'KEY_INVALID',
        `${name} is not a readable private key: ${(error as Error).message}`,
      );
    }
  }
  return signingKeyOf(privateKey, name);
}

/** Pairs a private key with its public key; KEY_UNSUPPORTED unless it is ECDSA P-256. */
export function signingKeyOf(privateKey: KeyObject, name: string): SigningKey {
  const publicKey = trustedKey(createPublicKey(privateKey), name);
  if (publicKey.algorithm !== 'ecdsa-p256') {
    throw new TrustMaterialError(
      'KEY_UNSUPPORTED',
      `${name} is a ${publicKey.algorithm} key; signing here uses ECDSA P-256 keys, as cosign generates them.`,
    );
  }
  return { privateKey, publicKey };
}

function decryptPkcs8(pem: string, password: string, name: string): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase: password });
  } catch (error) {
    // A wrong password mostly fails the padding check ("bad decrypt"), but about one time in
    // 256 it decrypts to bytes that merely fail to parse: both mean the password does not fit.
    throw new TrustMaterialError(
      'KEY_PASSWORD_WRONG',
      `The password does not open ${name} (or the file is damaged: ${(error as Error).message}).`,
    );
  }
}
