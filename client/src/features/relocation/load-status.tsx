import { ApiError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { errorText } from './format';

/** Returns the loading line or the error of a resource (403 and 404 in plain words), or nothing when ready. */
export function LoadStatus({ status, error }: { status: 'loading' | 'ready' | 'error'; error: Error | null }) {
  const { t } = useI18n();
  if (status === 'loading') {
    return (
      <p role="status" className="rel-muted">
        {t('relocation.common.loading')}
      </p>
    );
  }
  if (status === 'error' && error) {
    let text = t('relocation.common.error', { message: errorText(error) });
    if (error instanceof ApiError && error.status === 403) text = t('relocation.common.forbidden');
    if (error instanceof ApiError && error.status === 404) text = t('relocation.common.notFound');
    return (
      <p role="alert" className="rel-alert">
        {text}
      </p>
    );
  }
  return null;
}
