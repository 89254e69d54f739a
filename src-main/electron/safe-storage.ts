import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/credentials/types.js';

/**
 * The OS keychain as a SecretCipher: Keychain on macOS, DPAPI on Windows, libsecret or kwallet on
 * Linux. Call `available()` after the app's `ready` event; before it Electron says no.
 *
 * Linux without a keyring falls back to `basic_text`, a key hard-coded in Chromium: that is plain text
 * with extra steps, so it counts as unavailable and the app refuses to keep passwords rather than
 * pretend they are safe.
 *
 * Electron 45 marks the synchronous calls deprecated in favour of the async ones; they still work,
 * and the SecretCipher interface is synchronous.
 */
export function safeStorageCipher(platform: NodeJS.Platform = process.platform): SecretCipher {
  return {
    available() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
    },
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
