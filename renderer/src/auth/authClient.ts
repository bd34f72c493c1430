import type { AuthStatus } from '../../../common/contract/contract';
import type { WallApi } from '../../../common/contract/wallApi';

const TOKEN_KEY = 'atalaya.session';

/** The session token of this tab, for stream connections that are not the API socket (the relay). */
export function sessionToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * Signing in from a window. The token is kept in sessionStorage only so a browser tab can resume
 * its session after its socket reconnects; it dies with the tab.
 */
export class AuthClient {
  constructor(private readonly api: WallApi) {}

  async status(): Promise<AuthStatus | null> {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      const resumed = await this.api.call('auth.resume', { token });
      if (resumed.ok) return resumed.value;
      sessionStorage.removeItem(TOKEN_KEY);
    }
    const status = await this.api.call('auth.status', {});
    return status.ok ? status.value : null;
  }

  async signIn(kind: 'login' | 'setup', username: string, password: string): Promise<{ ok: true; status: AuthStatus } | { ok: false; message: string }> {
    const result = await this.api.call(kind === 'login' ? 'auth.login' : 'auth.setup', { username, password });
    if (!result.ok) return { ok: false, message: result.error.message };
    sessionStorage.setItem(TOKEN_KEY, result.value.token);
    return { ok: true, status: result.value.status };
  }

  async unlock(password: string): Promise<{ ok: true; status: AuthStatus } | { ok: false; message: string }> {
    const result = await this.api.call('auth.unlock', { password });
    return result.ok ? { ok: true, status: result.value } : { ok: false, message: result.error.message };
  }

  async signOut(): Promise<void> {
    sessionStorage.removeItem(TOKEN_KEY);
    await this.api.call('auth.logout', {});
  }
}
