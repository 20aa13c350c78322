import { useCallback, useState } from 'react';
import type { PageProps } from '../../app/pages';
import { useI18n } from '../../lib/i18n';
import { getPlan, listCandidates, newIdempotencyKey, transitionPlan, type Candidate, type Plan, type PlanState } from './api';
import { AppLink } from './app-link';
import { CandidateList } from './candidate-list';
import { errorText } from './format';
import { LoadStatus } from './load-status';
import { PlanAccessSection } from './plan-access';
import { PlanTimeline } from './plan-timeline';
import { StateBadge } from './state-badge';
import { SupportMeasures } from './support-measures';
import { TransitionPanel } from './transition-panel';
import { useResource } from './use-resource';
import './relocation.css';

/** States in which the plan has no unit yet and the suggested units are worth showing. */
const UNMATCHED_STATES = new Set<PlanState>(['draft', 'assessed']);

/** The plan page: summary, next steps, timeline, support measures, origin → destination with the access gain, and the suggested units. */
export function PlanPage({ session, params, onSessionExpired }: PageProps) {
  const { t, tEnum, formatDate } = useI18n();
  const id = Number(params.id);
  const [revision, setRevision] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [pickingUnit, setPickingUnit] = useState<number | null>(null);
  const canWrite = session.permissions.includes('households:write');

  const plan = useResource(`plan-${id}-${revision}`, (signal) => getPlan(id, signal), onSessionExpired);
  const current = plan.data;
  const householdId = current?.householdId ?? null;
  const showCandidates = current !== null && UNMATCHED_STATES.has(current.state);
  // Candidates depend on the plan as loaded: re-read them when the plan itself changes.
  const stamp = current ? `${current.version}-${current.state}` : 'none';
  const candidates = useResource(
    `plan-candidates-${householdId}-${showCandidates}-${stamp}`,
    (signal) => (householdId && showCandidates ? listCandidates(householdId, signal) : Promise.resolve([] as Candidate[])),
    onSessionExpired,
  );

  const allowed = current?.allowedTransitions ?? [];
  const refresh = useCallback(() => setRevision((n) => n + 1), []);

  const done = (_updated: Plan | undefined, to: PlanState) => {
    setMessage(t('relocation.transition.done', { state: tEnum('relocation.state', to) }));
    refresh();
  };

  const pick = async (candidate: Candidate) => {
    setPickingUnit(candidate.unit.id);
    setPickError(null);
    try {
      await transitionPlan(id, { to: 'matched', housingUnitId: candidate.unit.id }, newIdempotencyKey());
      setMessage(t('relocation.candidates.chosen', { unit: candidate.unit.code }));
      refresh();
    } catch (error) {
      setPickError(t('relocation.common.saveError', { message: errorText(error) }));
      candidates.reload();
    } finally {
      setPickingUnit(null);
    }
  };

  const destination = current?.destination ?? null;
  return (
    <div className="rel-page">
      <p>
        <AppLink to="/plans">← {t('relocation.board.heading')}</AppLink>
      </p>
      {!current && <LoadStatus status={plan.status} error={plan.error} />}
      {current && (
        <>
          <div className="rel-page__head">
            <h1>
              {t('relocation.plan.heading', { code: current.code })} <StateBadge state={current.state} />
            </h1>
          </div>
          <p role="status" className="rel-ok">
            {message}
          </p>
          {plan.status === 'error' && <LoadStatus status={plan.status} error={plan.error} />}
          <div className="rel-columns">
            <section className="rel-card" aria-labelledby="plan-summary">
              <h2 id="plan-summary">{t('relocation.plan.summary')}</h2>
              <dl className="rel-dl" data-testid="plan-summary">
                <dt>{t('relocation.plan.state')}</dt>
                <dd>
                  {tEnum('relocation.state', current.state)}
                  {current.heldFromState && ` (${t('relocation.plan.heldFrom', { state: tEnum('relocation.state', current.heldFromState) })})`}
                </dd>
                <dt>{t('relocation.plan.household')}</dt>
                <dd>
                  <AppLink to={`/households/${current.householdId}`}>{current.householdCode}</AppLink>
                  {current.household &&
                    ` — ${t('relocation.household.composition', {
                      adults: current.household.adults,
                      children: current.household.children,
                      seniors: current.household.seniors,
                      disabled: current.household.disabledMembers,
                    })}`}
                </dd>
                <dt>{t('relocation.plan.origin')}</dt>
                <dd>{current.origin?.name ?? t('relocation.common.none')}</dd>
                <dt>{t('relocation.plan.unit')}</dt>
                <dd>
                  {destination
                    ? `${destination.code} — ${[destination.address, destination.locality].filter(Boolean).join(', ')}`
                    : (current.housingUnitCode ?? t('relocation.common.none'))}
                </dd>
                {destination && (
                  <>
                    <dt>{t('relocation.plan.unitStatus')}</dt>
                    <dd data-testid="unit-status">{tEnum('housing.status', destination.status)}</dd>
                  </>
                )}
                <dt>{t('relocation.plan.approved')}</dt>
                <dd>
                  {current.approvedAt || current.approvedByUsername
                    ? t('relocation.plan.approvedBy', {
                        name:
                          current.approvedBy === session.user.id ? session.user.displayName : (current.approvedByUsername ?? t('relocation.common.none')),
                        date: current.approvedAt ? formatDate(current.approvedAt) : t('relocation.common.none'),
                      })
                    : t('relocation.common.none')}
                </dd>
                <dt>{t('relocation.plan.moveDate')}</dt>
                <dd>{current.moveDate ? formatDate(current.moveDate) : t('relocation.common.none')}</dd>
                {current.programme && (
                  <>
                    <dt>{t('relocation.plan.programme')}</dt>
                    <dd>{current.programme}</dd>
                  </>
                )}
                {current.note && (
                  <>
                    <dt>{t('relocation.plan.note')}</dt>
                    <dd>{current.note}</dd>
                  </>
                )}
              </dl>
            </section>
            <TransitionPanel plan={current} allowed={allowed} candidates={candidates.data ?? []} canWrite={canWrite} canApprove={session.permissions.includes('plans:approve')} onDone={done} />
          </div>

          <div className="rel-columns">
            <PlanTimeline events={current.events} />
            <SupportMeasures planId={id} measures={current.supportMeasures} canWrite={canWrite} onChanged={refresh} />
          </div>

          {showCandidates && (
            <section className="rel-card" aria-labelledby="plan-candidates">
              <h2 id="plan-candidates">{t('relocation.candidates.heading')}</h2>
              <p className="rel-help">{t('relocation.candidates.intro')}</p>
              {!allowed.includes('matched') && <p className="rel-notice">{t('relocation.candidates.onlyAssessed')}</p>}
              <LoadStatus status={candidates.status} error={candidates.error} />
              {candidates.data && (
                <CandidateList candidates={candidates.data} canPick={canWrite && allowed.includes('matched')} busyUnitId={pickingUnit} onPick={(c) => void pick(c)} />
              )}
              <p role="alert" className="rel-alert">
                {pickError}
              </p>
            </section>
          )}

          <PlanAccessSection plan={current} revision={revision} />
        </>
      )}
    </div>
  );
}
