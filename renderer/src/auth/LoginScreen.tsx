import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../common/contract/contract';
import type { AuthClient } from './authClient';

export interface LoginScreenProps {
  client: AuthClient;
  status: AuthStatus;
  onSignedIn: (status: AuthStatus) => void;
}

/** Sign in, create the first admin on a new installation, or unlock a session locked by inactivity. */
export function LoginScreen({ client, status, onSignedIn }: LoginScreenProps) {
  const { t } = useTranslation();
  const mode = status.locked ? 'unlock' : status.needsSetup ? 'setup' : 'login';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = mode === 'unlock' ? await client.unlock(password) : await client.signIn(mode, username, password);
    setBusy(false);
    if (result.ok) onSignedIn(result.status);
    else setError(result.message);
  };

  return (
    <div className="login">
      <form className="login__form" onSubmit={(e) => void submit(e)} aria-label={t(`auth.${mode}.title`)}>
        <h1>{t('app.title')}</h1>
        <h2>{t(`auth.${mode}.title`)}</h2>
        {mode === 'setup' ? <p className="login__hint">{t('auth.setup.hint')}</p> : null}
        {mode === 'unlock' ? (
          <p className="login__hint">{t('auth.unlock.hint', { username: status.user?.username ?? '' })}</p>
        ) : (
          <label>
            {t('auth.username')}
            <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} required />
          </label>
        )}
        <label>
          {t('auth.password')}
          <input name="password" type="password" autoComplete={mode === 'setup' ? 'new-password' : 'current-password'} autoFocus={mode === 'unlock'} value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error ? (
          <p className="login__error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {t(`auth.${mode}.submit`)}
        </button>
      </form>
    </div>
  );
}
