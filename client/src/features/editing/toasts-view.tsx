import { useI18n } from '../../lib/i18n';
import type { Toasts } from './use-toasts';
import './editing.css';

/** The confirmation messages over the map; polite for confirmations, assertive for failures. */
export function ToastsView({ toasts }: { toasts: Toasts }) {
  const { t } = useI18n();
  return (
    <div className="toasts">
      <div role="status" aria-live="polite" className="toasts__region">
        {toasts.toasts
          .filter((toast) => toast.tone !== 'error')
          .map((toast) => (
            <p key={toast.id} className={`toast toast--${toast.tone}`} data-testid="toast">
              <span>{toast.text}</span>
              <button type="button" className="icon-button toast__close" onClick={() => toasts.dismiss(toast.id)} aria-label={t('editing.toast.dismiss')}>
                <span aria-hidden="true">×</span>
              </button>
            </p>
          ))}
      </div>
      <div role="alert" className="toasts__region">
        {toasts.toasts
          .filter((toast) => toast.tone === 'error')
          .map((toast) => (
            <p key={toast.id} className="toast toast--error" data-testid="toast">
              <span>{toast.text}</span>
              <button type="button" className="icon-button toast__close" onClick={() => toasts.dismiss(toast.id)} aria-label={t('editing.toast.dismiss')}>
                <span aria-hidden="true">×</span>
              </button>
            </p>
          ))}
      </div>
    </div>
  );
}
