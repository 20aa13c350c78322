import { useEffect, useId, useState } from 'react';
import type { PageProps } from '../../app/pages';
import { navigate } from '../../app/router';
import { useI18n } from '../../lib/i18n';
import { listHouseholds, PLAN_STATES, PRIORITIES, type HouseholdQuery } from './api';
import { AppLink } from './app-link';
import { HouseholdForm } from './household-form';
import { LoadStatus } from './load-status';
import { Paging } from './paging';
import { StateBadge } from './state-badge';
import { useResource } from './use-resource';
import { useSettlementNames } from './use-settlement-names';
import './relocation.css';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

/** The households table (pseudonymous), with filters, search by code and the form for a new household. */
export function HouseholdsPage({ session, onSessionExpired }: PageProps) {
  const { t, tEnum, formatNumber } = useI18n();
  const id = useId();
  const settlements = useSettlementNames();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<HouseholdQuery>({ limit: PAGE_SIZE, offset: 0 });
  const [creating, setCreating] = useState(false);
  const canWrite = session.permissions.includes('households:write');

  // Typing searches after a short pause, not on every key.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setQuery((previous) => (previous.q === (search.trim() || undefined) ? previous : { ...previous, q: search.trim() || undefined, offset: 0 }));
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search]);

  const households = useResource(JSON.stringify(query), (signal) => listHouseholds(query, signal), onSessionExpired);
  const setFilter = (changes: Partial<HouseholdQuery>) => setQuery((previous) => ({ ...previous, ...changes, offset: 0 }));
  const filtered = Boolean(query.q || query.settlementId || query.priority || query.planState);
  const page = households.data;

  return (
    <div className="rel-page">
      <div className="rel-page__head">
        <div>
          <h1>{t('relocation.households.heading')}</h1>
          <p className="rel-muted">{t('relocation.households.intro')}</p>
        </div>
        {canWrite && !creating && (
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            {t('relocation.households.new')}
          </button>
        )}
      </div>

      {creating && (
        <HouseholdForm settlements={settlements} onCancel={() => setCreating(false)} onCreated={(household) => navigate(`/households/${household.id}`)} />
      )}

      <form className="rel-filters" aria-label={t('relocation.households.filters')} role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="rel-field">
          <label htmlFor={`${id}-q`}>{t('relocation.households.search')}</label>
          <input id={`${id}-q`} type="search" value={search} placeholder={t('relocation.households.searchPlaceholder')} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <div className="rel-field">
          <label htmlFor={`${id}-settlement`}>{t('relocation.households.settlement')}</label>
          <select id={`${id}-settlement`} value={query.settlementId ?? ''} onChange={(event) => setFilter({ settlementId: event.target.value ? Number(event.target.value) : undefined })}>
            <option value="">{t('relocation.common.all')}</option>
            {[...settlements].map(([settlementId, name]) => (
              <option key={settlementId} value={settlementId}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="rel-field">
          <label htmlFor={`${id}-priority`}>{t('relocation.households.priority')}</label>
          <select id={`${id}-priority`} value={query.priority ?? ''} onChange={(event) => setFilter({ priority: event.target.value || undefined })}>
            <option value="">{t('relocation.common.all')}</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {tEnum('relocation.priority', priority)}
              </option>
            ))}
          </select>
        </div>
        <div className="rel-field">
          <label htmlFor={`${id}-state`}>{t('relocation.households.planState')}</label>
          <select id={`${id}-state`} value={query.planState ?? ''} onChange={(event) => setFilter({ planState: event.target.value || undefined })}>
            <option value="">{t('relocation.common.all')}</option>
            <option value="none">{t('relocation.state.none')}</option>
            {PLAN_STATES.map((state) => (
              <option key={state} value={state}>
                {tEnum('relocation.state', state)}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setSearch('');
              setQuery({ limit: PAGE_SIZE, offset: 0 });
            }}
          >
            {t('relocation.common.reset')}
          </button>
        )}
      </form>

      <LoadStatus status={households.status} error={households.error} />
      {page && (
        <>
          <p className="rel-muted" aria-live="polite">
            {t('relocation.households.count', { count: formatNumber(page.numberMatched) })}
          </p>
          {page.items.length === 0 ? (
            <p>{t('relocation.households.empty')}</p>
          ) : (
            <div className="rel-table-scroll">
              <table className="rel-table" aria-busy={households.status === 'loading'}>
                <caption className="visually-hidden">{t('relocation.households.table')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('relocation.households.col.code')}</th>
                    <th scope="col">{t('relocation.households.col.settlement')}</th>
                    <th scope="col" className="rel-num">
                      {t('relocation.households.col.size')}
                    </th>
                    <th scope="col" className="rel-num">
                      {t('relocation.households.col.children')}
                    </th>
                    <th scope="col" className="rel-num">
                      {t('relocation.households.col.seniors')}
                    </th>
                    <th scope="col">{t('relocation.households.col.needs')}</th>
                    <th scope="col">{t('relocation.households.col.priority')}</th>
                    <th scope="col">{t('relocation.households.col.plan')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((household) => (
                    <tr key={household.id}>
                      <th scope="row" className="rel-nowrap">
                        <AppLink to={`/households/${household.id}`}>{household.code}</AppLink>
                      </th>
                      <td>{household.settlementName ?? (household.settlementId !== null ? settlements.get(household.settlementId) : null) ?? t('relocation.common.none')}</td>
                      <td className="rel-num">{formatNumber(household.size)}</td>
                      <td className="rel-num">{formatNumber(household.children)}</td>
                      <td className="rel-num">{formatNumber(household.seniors)}</td>
                      <td>{household.needs.length ? household.needs.map((need) => tEnum('relocation.need', need)).join(', ') : t('relocation.common.none')}</td>
                      <td>
                        <span className={`rel-priority rel-priority--${household.priority}`}>{tEnum('relocation.priority', household.priority)}</span>
                      </td>
                      <td>
                        {household.currentPlan ? (
                          <AppLink to={`/plans/${household.currentPlan.id}`} aria-label={t('relocation.household.planLink', { code: household.currentPlan.code, state: tEnum('relocation.state', household.currentPlan.state) })}>
                            <StateBadge state={household.currentPlan.state} />
                          </AppLink>
                        ) : (
                          <span className="rel-muted">{t('relocation.state.none')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Paging offset={query.offset} limit={query.limit} total={page.numberMatched} onChange={(offset) => setQuery((previous) => ({ ...previous, offset }))} />
        </>
      )}
    </div>
  );
}
