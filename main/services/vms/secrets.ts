import type { SecretStore } from './adapter';
import { VmsError } from './vmsError';

/** A missing credential will not appear by retrying: the administrator must add it, then retry. */
export async function readSecret(secrets: SecretStore, ref: string): Promise<string> {
  const value = await secrets.get(ref);
  if (value === undefined) throw new VmsError(`credential "${ref}" is not in the credential store`, { permanent: true });
  return value;
}
