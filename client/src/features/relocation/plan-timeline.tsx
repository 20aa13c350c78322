import { useI18n } from '../../lib/i18n';
import type { PlanEvent } from './api';

/** The plan's events, oldest first: each step with who took it, when, and the note. */
export function PlanTimeline({ events }: { events: PlanEvent[] }) {
  const { t, tEnum, formatDate } = useI18n();
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return (
    <section className="rel-card" aria-labelledby="plan-timeline">
      <h2 id="plan-timeline">{t('relocation.timeline.heading')}</h2>
      {ordered.length === 0 ? (
        <p className="rel-muted">{t('relocation.timeline.empty')}</p>
      ) : (
        <ol className="rel-timeline" data-testid="timeline">
          {ordered.map((event) => (
            <li key={event.id} className="rel-timeline__item">
              <span className="rel-timeline__step">
                {event.fromState
                  ? t('relocation.timeline.step', { from: tEnum('relocation.state', event.fromState), to: tEnum('relocation.state', event.toState) })
                  : t('relocation.timeline.created', { state: tEnum('relocation.state', event.toState) })}
              </span>
              <span className="rel-timeline__meta">
                {t('relocation.timeline.by', { actor: event.actorDisplayName ?? event.actorUsername ?? t('relocation.timeline.unknownActor') })}
                {' · '}
                <time dateTime={event.at}>{formatDate(event.at)}</time>
              </span>
              {event.note && <span className="rel-timeline__note">{event.note}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
