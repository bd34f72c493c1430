import { safeStorage } from 'electron';
import type { Cipher } from '../services/secrets/cipher';

/**
 * Credentials encrypted with the OS credential store through Electron's safeStorage (DPAPI,
 * Keychain, libsecret/kwallet). Returns undefined where safeStorage cannot encrypt at all, so the
 * caller falls back to the file-key cipher and the UI says so. On Linux without a keyring,
 * safeStorage uses a hard-coded password ('basic_text'): that is reported as not secure.
 * Call after the app's 'ready' event.
 */
export function safeStorageCipher(): Cipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const isSecure = backend !== 'basic_text' && backend !== 'unknown';
  return {
    isSecure,
    description: isSecure ? `the operating system's credential store (${backend})` : 'Electron safeStorage with no keyring: a fixed key, not secure',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (buf) => safeStorage.decryptString(buf),
  };
}
