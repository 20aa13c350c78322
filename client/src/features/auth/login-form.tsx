import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { login, type Session } from './api';
import './login-form.css';

export interface LoginFormProps {
  onSignedIn: (session: Session) => void;
}

/** The sign-in form: a native <form>, so Enter submits and the browser's password manager works. */
export function LoginForm({ onSignedIn }: LoginFormProps) {
  const { t } = useI18n();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<LoginErrorMessage | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      const session = await login(username.trim(), password);
      onSignedIn(session);
    } catch (caught) {
      setError(describeLoginError(caught, t));
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setSubmitting(false);
    }
  }

  const errorId = `${id}-error`;
  return (
    <form className="login-form" onSubmit={handleSubmit} aria-describedby={error ? errorId : undefined}>
      <div className="field">
        <label htmlFor={`${id}-username`}>{t('login.username')}</label>
        <input
          id={`${id}-username`}
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('login.password')}</label>
        <input
          id={`${id}-password`}
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div id={errorId} className="login-form__error" role="alert">
        {error && (
          <>
            <strong className="login-form__error-summary">{error.summary}</strong>
            {error.detail && error.detail !== error.summary && <span className="login-form__error-detail">{error.detail}</span>}
          </>
        )}
      </div>
      <button type="submit" className="button button--primary" disabled={submitting} aria-busy={submitting}>
        {submitting ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}

interface LoginErrorMessage {
  summary: string;
  /** The server's problem `detail` (e.g. when to retry after 429), shown as sent. */
  detail?: string;
}

/** Returns the message for a failed sign-in: a translated summary by status, plus the server's detail. */
function describeLoginError(error: unknown, t: ReturnType<typeof useI18n>['t']): LoginErrorMessage {
  if (error instanceof ApiError) {
    if (error.status === 401) return { summary: t('login.error.invalid'), detail: error.detail };
    if (error.status === 429) return { summary: t('login.error.tooMany'), detail: error.detail };
    return { summary: t('login.error.generic'), detail: error.detail };
  }
  return { summary: t('login.error.generic') };
}
