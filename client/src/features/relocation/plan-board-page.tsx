import { useId, useMemo, useState } from 'react';
import type { PageProps } from '../../app/pages';
import { useI18n } from '../../lib/i18n';
import { listPlans, PLAN_STATES, PLANS_CSV_URL, type Plan, type PlanState } from './api';
import { AppLink } from './app-link';
import { LoadStatus } from './load-status';
import { useResource } from './use-resource';
import './relocation.css';

/** Cards shown per column before "show all": long columns (followed up) stay scannable. */
const CARDS_PER_COLUMN = 40;
const BOARD_LIMIT = 5000;

/**
 * The plan board: one column per state, cards linking to each plan. There is no dragging: a plan moves
 * on its own page, where the required fields (unit, move date) and a note are asked for.
 */
export function PlanBoardPage({ onSessionExpired }: PageProps) {
  const { t, tEnum, formatNumber } = useI18n();
  const id = useId();
  const plans = useResource('plans-board', (signal) => listPlans({ limit: BOARD_LIMIT }, signal), onSessionExpired);
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<Set<PlanState>>(new Set());

  const columns = useMemo(() => {
    const needle = search.trim().toUpperCase();
    const byState = new Map<PlanState, Plan[]>(PLAN_STATES.map((state) => [state, []]));
    for (const plan of plans.data?.items ?? []) {
      if (needle && !plan.code.toUpperCase().includes(needle) && !(plan.householdCode ?? '').toUpperCase().includes(needle)) continue;
      byState.get(plan.state)?.push(plan);
    }
    return byState;
  }, [plans.data, search]);

  return (
    <div className="rel-page">
      <div className="rel-page__head">
        <div>
          <h1>{t('relocation.board.heading')}</h1>
          <p className="rel-muted">{t('relocation.board.intro')}</p>
        </div>
        <a className="button" href={PLANS_CSV_URL} download>
          {t('relocation.board.export')}
        </a>
      </div>
      <div className="rel-filters" role="search">
        <div className="rel-field">
          <label htmlFor={`${id}-q`}>{t('relocation.board.search')}</label>
          <input id={`${id}-q`} type="search" value={search} placeholder="HH-0042" onChange={(event) => setSearch(event.target.value)} />
        </div>
      </div>
      <LoadStatus status={plans.status} error={plans.error} />
      {plans.data && (
        <div className="rel-board" data-testid="plan-board">
          {PLAN_STATES.map((state) => {
            const cards = columns.get(state) ?? [];
            const open = expanded.has(state);
            const shown = open ? cards : cards.slice(0, CARDS_PER_COLUMN);
            const headingId = `${id}-${state}`;
            return (
              <section key={state} className={`rel-board__column rel-board__column--${state}`} aria-labelledby={headingId}>
                <h2 id={headingId} className="rel-board__title">
                  {t('relocation.board.column', { state: tEnum('relocation.state', state), count: formatNumber(cards.length) })}
                </h2>
                {cards.length === 0 ? (
                  <p className="rel-muted">{t('relocation.board.empty')}</p>
                ) : (
                  <ul className="rel-board__cards">
                    {shown.map((plan) => (
                      <li key={plan.id}>
                        <AppLink
                          to={`/plans/${plan.id}`}
                          className="rel-board__card"
                          aria-label={`${t('relocation.board.card', { plan: plan.code, household: plan.householdCode ?? '' })}, ${
                            plan.housingUnitCode ? t('relocation.board.unit', { unit: plan.housingUnitCode }) : t('relocation.board.noUnit')
                          }`}
                        >
                          <strong>{plan.householdCode ?? plan.code}</strong>
                          <span className="rel-muted">{plan.code}</span>
                          <span>{plan.housingUnitCode ? t('relocation.board.unit', { unit: plan.housingUnitCode }) : t('relocation.board.noUnit')}</span>
                        </AppLink>
                      </li>
                    ))}
                  </ul>
                )}
                {cards.length > shown.length && (
                  <button type="button" className="link-button" onClick={() => setExpanded((previous) => new Set(previous).add(state))}>
                    {t('relocation.board.more', { count: formatNumber(cards.length - shown.length) })}
                  </button>
                )}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
