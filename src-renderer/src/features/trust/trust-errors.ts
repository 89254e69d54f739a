import { registryErrorTitle } from '../registries/registry-errors.js';

const TITLES: Record<string, string> = {
  KEY_INVALID: 'Not a key Stevedore can read',
  KEY_UNSUPPORTED: 'This kind of key is not supported',
  KEY_PASSWORD_REQUIRED: 'The key needs its password',
  KEY_PASSWORD_WRONG: 'Wrong password for this key',
  KEY_NOT_FOUND: 'No such key',
  KEY_EXISTS: 'A key with this name exists already',
  NO_SECURE_STORAGE: 'No safe place to keep the private key',
  KEY_UNREADABLE: 'The stored key cannot be used',
  KEY_STORE_NOT_WRITABLE: 'Cannot write to the key store',
  CERTIFICATE_INVALID: 'Not a certificate Stevedore can read',
  TRUST_ROOT_INVALID: 'Not a Sigstore trusted root',
};

/**
 * Headings for the trust codes (keys, certificates, roots); signing and inspecting also meet the
 * registry's codes, which read as the registries area reads them.
 */
export function trustErrorTitle(code: string): string {
  return TITLES[code] ?? registryErrorTitle(code);
}
