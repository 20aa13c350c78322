import { useI18n } from '../../lib/i18n';
import type { AccessTarget } from './api';

export interface AccessActionProps {
  /** The data source of the feature shown in the details card. */
  source: string;
  id: number;
  name?: string;
  onOpen: (target: AccessTarget) => void;
}

const TARGET_KINDS: Record<string, Exclude<AccessTarget['kind'], 'point'>> = {
  settlements: 'settlements',
  'housing-units': 'housing-units',
  zones: 'zones',
};

/** The "Acces la servicii" button of a settlement's, housing unit's or zone's details; nothing for other features. */
export function AccessAction({ source, id, name, onOpen }: AccessActionProps) {
  const { t } = useI18n();
  const kind = TARGET_KINDS[source];
  if (!kind) return null;
  return (
    <button
      type="button"
      className="button button--small"
      aria-label={name ? t('access.action.openFor', { name }) : undefined}
      onClick={() => onOpen({ kind, id, name })}
    >
      {t('access.action.open')}
    </button>
  );
}
