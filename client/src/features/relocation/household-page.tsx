import { useState } from 'react';
import type { PageProps } from '../../app/pages';
import { navigate } from '../../app/router';
import { useI18n } from '../../lib/i18n';
import { createPlan, getHousehold, listPlans } from './api';
import { AppLink } from './app-link';
import { errorText } from './format';
import { IdentitySection } from './identity-section';
import { LoadStatus } from './load-status';
import { StateBadge } from './state-badge';
import { useResource } from './use-resource';
import { useSettlementNames } from './use-settlement-names';
import './relocation.css';

const CLOSED_STATES = new Set(['followed_up', 'cancelled']);

/** One household: its pseudonymous record, its plans (and opening one), and the identity for those allowed to see it. */
export function HouseholdPage({ session, params, onSessionExpired }: PageProps) {
  const { t, tEnum, formatNumber, formatDate } = useI18n();
  const id = Number(params.id);
  const settlements = useSettlementNames();
  const household = useResource(`household-${id}`, (signal) => getHousehold(id, signal), onSessionExpired);
  const plans = useResource(`household-plans-${id}`, (signal) => listPlans({ householdId: id, limit: 50 }, signal), onSessionExpired);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<string | null>(null);
  const canWrite = session.permissions.includes('households:write');

  const record = household.data;
  const openPlan = plans.data?.items.find((plan) => !CLOSED_STATES.has(plan.state));
  const mayReadIdentity =
    record !== null && session.permissions.includes('identities:read') && (session.user.role === 'admin' || record.caseworkerId === session.user.id);

  const open = async () => {
    setOpening(true);
    setOpenError(null);
    try {
      const plan = await createPlan(id);
      navigate(`/plans/${plan.id}`);
    } catch (error) {
      setOpenError(t('relocation.common.saveError', { message: errorText(error) }));
      setOpening(false);
    }
  };

  const consent = (given: boolean, date: string | null) =>
    given ? t('relocation.household.consentOn', { date: date ? formatDate(date) : t('relocation.common.none') }) : t('relocation.common.no');

  return (
    <div className="rel-page">
      <p>
        <AppLink to="/households">← {t('relocation.household.back')}</AppLink>
      </p>
      <LoadStatus status={household.status} error={household.error} />
      {record && (
        <>
          <h1>{t('relocation.household.heading', { code: record.code })}</h1>
          <div className="rel-columns">
            <section className="rel-card" aria-labelledby="household-record">
              <h2 id="household-record">{t('relocation.household.record')}</h2>
              <p className="rel-muted">{t('relocation.common.pseudonymous')}</p>
              <dl className="rel-dl">
                <dt>{t('relocation.households.col.settlement')}</dt>
                <dd>{record.settlementName ?? (record.settlementId !== null ? settlements.get(record.settlementId) : null) ?? t('relocation.common.none')}</dd>
                <dt>{t('relocation.household.size')}</dt>
                <dd>
                  {formatNumber(record.size)} —{' '}
                  {t('relocation.household.composition', {
                    adults: record.adults,
                    children: record.children,
                    seniors: record.seniors,
                    disabled: record.disabledMembers,
                  })}
                </dd>
                <dt>{t('relocation.households.col.needs')}</dt>
                <dd>{record.needs.length ? record.needs.map((need) => tEnum('relocation.need', need)).join(', ') : t('relocation.common.none')}</dd>
                <dt>{t('relocation.households.col.priority')}</dt>
                <dd>{tEnum('relocation.priority', record.priority)}</dd>
                <dt>{t('relocation.household.caseworker')}</dt>
                <dd>
                  {record.caseworkerId === session.user.id
                    ? t('relocation.household.caseworkerYou', { name: session.user.displayName })
                    : (record.caseworkerUsername ?? t('relocation.common.none'))}
                </dd>
                <dt>{t('relocation.form.consentProcessing')}</dt>
                <dd>{consent(record.consentProcessing, record.consentProcessingDate)}</dd>
                <dt>{t('relocation.form.consentSharing')}</dt>
                <dd>{consent(record.consentSharing, record.consentSharingDate)}</dd>
              </dl>
            </section>

            <section className="rel-card" aria-labelledby="household-plans">
              <h2 id="household-plans">{t('relocation.household.plans')}</h2>
              <LoadStatus status={plans.status} error={plans.error} />
              {plans.data && plans.data.items.length === 0 && <p>{t('relocation.household.noPlans')}</p>}
              {plans.data && plans.data.items.length > 0 && (
                <ul className="rel-list">
                  {plans.data.items.map((plan) => (
                    <li key={plan.id}>
                      <AppLink to={`/plans/${plan.id}`}>{plan.code}</AppLink> <StateBadge state={plan.state} />
                    </li>
                  ))}
                </ul>
              )}
              {canWrite && plans.data && !openPlan && (
                <button type="button" className="button button--primary" disabled={opening} onClick={() => void open()}>
                  {opening ? t('relocation.household.opening') : t('relocation.household.openPlan')}
                </button>
              )}
              <p role="alert" className="rel-alert">
                {openError}
              </p>
            </section>
          </div>

          {mayReadIdentity ? (
            <IdentitySection household={record} canWrite={session.permissions.includes('identities:write')} onSessionExpired={onSessionExpired} />
          ) : (
            <section className="rel-card" aria-labelledby="household-identity">
              <h2 id="household-identity">{t('relocation.identity.heading')}</h2>
              <p className="rel-muted">{t('relocation.identity.hiddenForRole')}</p>
            </section>
          )}
        </>
      )}
    </div>
  );
}
