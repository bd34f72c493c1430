import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../common/contract/contract';
import type { AuthClient } from './authClient';
import { LoginScreen } from './LoginScreen';

const STATUS_POLL_MS = 30_000;

const AuthStatusContext = createContext<AuthStatus | null>(null);

/**
 * The signed-in user's status, for showing only what they may do (main enforces it regardless).
 */
export function useAuthStatus(): AuthStatus | null {
  return useContext(AuthStatusContext);
}

export interface SessionGateProps {
  client: AuthClient;
  initial: AuthStatus | null;
  /** Wall screens keep showing video while the session is locked; consoles hide behind the unlock form. */
  keepVisibleWhenLocked: boolean;
  onSignedIn: () => void;
  children: ReactNode;
}

/** Shows the window's content only to a signed-in, unlocked session (main enforces the same). */
export function SessionGate({ client, initial, keepVisibleWhenLocked, onSignedIn, children }: SessionGateProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AuthStatus | null>(initial);

  const poll = useCallback(async () => {
    const next = await client.status();
    if (next) setStatus(next);
  }, [client]);

  useEffect(() => {
    const timer = setInterval(() => void poll(), STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [poll]);

  const signedIn = (next: AuthStatus) => {
    setStatus(next);
    onSignedIn();
  };

  if (!status) return <div className="app-message">{t('app.loading')}</div>;
  if (!status.signedIn || (status.locked && !keepVisibleWhenLocked)) return <LoginScreen client={client} status={status} onSignedIn={signedIn} />;
  return (
    <AuthStatusContext.Provider value={status}>
      {children}
      {status.locked ? (
        <div className="locked-badge" role="status">
          {t('auth.unlock.title')}
        </div>
      ) : null}
    </AuthStatusContext.Provider>
  );
}
