/**
 * Encryption at rest for credentials, injected so main/services never imports 'electron'.
 * The Electron shell implements it with safeStorage (DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux); the web host and tests use fileKeyCipher.ts.
 */
export interface Cipher {
  /**
   * True only when the key is kept by the operating system's credential store, out of reach of
   * someone who copies the data directory. False for a key kept in a file, and for Electron's
   * safeStorage on Linux when it falls back to its hard-coded 'basic_text' password.
   * The UI shows this to admins; nothing in main relaxes because of it.
   */
  readonly isSecure: boolean;
  /** What protects the key, in words, for the admin screen and the log. */
  readonly description?: string;
  encrypt(plain: string): Buffer;
  /** Throws if the data was not produced by this cipher with this key, or was altered. */
  decrypt(buf: Buffer): string;
}
