import { useI18n } from '../../lib/i18n';

/** Returns a plan state as a coloured, translated badge (the colour repeats the text, never replaces it). */
export function StateBadge({ state }: { state: string }) {
  const { tEnum } = useI18n();
  return <span className={`rel-badge rel-badge--${state}`}>{tEnum('relocation.state', state)}</span>;
}
