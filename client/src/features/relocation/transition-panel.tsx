import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n';
import { newIdempotencyKey, transitionPlan, type Candidate, type Plan, type PlanState, type TransitionRequest } from './api';
import { ConfirmDialog } from './confirm-dialog';
import { errorText, todayIso } from './format';
import { RelocationApiError } from './http';

interface Draft {
  to: PlanState;
  housingUnitId: string;
  moveDate: string;
  note: string;
  /** One key per intended step: a retry after a lost answer is applied once (issue 5). */
  key: string;
}

/** Returns the allowed next states named by a 409 problem, or null. */
function allowedFrom(error: unknown): PlanState[] | null {
  if (!(error instanceof RelocationApiError) || error.status !== 409) return null;
  const value = error.problem.allowed ?? error.problem.allowedTransitions ?? error.problem.allowedStates;
  return Array.isArray(value) ? (value as PlanState[]) : null;
}

/**
 * The buttons of the plan's allowed next states; each opens a short form with the fields its state needs
 * (a unit for "matched", the move date for "moved") and a note. Cancelling asks for a confirmation.
 */
export function TransitionPanel({
  plan,
  allowed,
  candidates,
  canWrite,
  canApprove,
  onDone,
}: {
  plan: Plan;
  allowed: PlanState[];
  candidates: Candidate[];
  canWrite: boolean;
  /** Approving needs its own permission (plans:approve): without it the step is not offered. */
  canApprove: boolean;
  onDone: (plan: Plan | undefined, to: PlanState) => void;
}) {
  const { t, tEnum } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const start = (to: PlanState) => {
    setError(null);
    setDraft({ to, housingUnitId: '', moveDate: todayIso(), note: '', key: newIdempotencyKey() });
  };

  const apply = async (current: Draft) => {
    setBusy(true);
    setError(null);
    const request: TransitionRequest = { to: current.to };
    // Resuming from "on hold" keeps the held state's fields; only a fresh step sends them.
    if (current.to === 'matched' && plan.state !== 'on_hold') request.housingUnitId = Number(current.housingUnitId);
    if (current.to === 'moved' && plan.state !== 'on_hold') request.moveDate = current.moveDate;
    if (current.note.trim()) request.note = current.note.trim();
    try {
      const result = await transitionPlan(plan.id, request, current.key);
      setDraft(null);
      onDone(result.plan, current.to);
    } catch (caught) {
      const states = allowedFrom(caught);
      setError(
        states
          ? t('relocation.transition.illegal', { states: states.map((s) => tEnum('relocation.state', s)).join(', ') || t('relocation.common.none') })
          : t('relocation.common.saveError', { message: errorText(caught) }),
      );
      // A conflict means the plan changed elsewhere: the page reloads it, and this key is spent.
      if (states) onDone(undefined, current.to);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    if (draft.to === 'cancelled') setConfirming(true);
    else void apply(draft);
  };

  if (allowed.length === 0) {
    return (
      <section className="rel-card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('relocation.transition.heading')}</h2>
        <p className="rel-muted">{t('relocation.transition.none')}</p>
      </section>
    );
  }

  const needsUnit = draft?.to === 'matched' && plan.state !== 'on_hold';
  const needsDate = draft?.to === 'moved' && plan.state !== 'on_hold';
  const stateName = draft ? tEnum('relocation.state', draft.to) : '';
  return (
    <section className="rel-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('relocation.transition.heading')}</h2>
      {!canWrite ? (
        <p className="rel-muted">{t('relocation.transition.readOnly')}</p>
      ) : (
        <div className="rel-actions" role="group" aria-label={t('relocation.transition.heading')}>
          {allowed
            .filter((state) => state !== 'approved' || canApprove)
            .map((state) => (
            <button
              key={state}
              type="button"
              className={`button ${state === 'cancelled' ? 'rel-button--danger-outline' : ''}`}
              aria-pressed={draft?.to === state}
              onClick={() => start(state)}
            >
              {t('relocation.transition.to', { state: tEnum('relocation.state', state) })}
            </button>
          ))}
        </div>
      )}
      {draft && canWrite && (
        <form className="rel-form" aria-label={t('relocation.transition.formLabel', { state: stateName })} onSubmit={submit}>
          {needsUnit && (
            <div className="rel-field">
              <label htmlFor={`${id}-unit`}>{t('relocation.transition.unit')}</label>
              <select
                id={`${id}-unit`}
                required
                aria-describedby={`${id}-unit-help`}
                value={draft.housingUnitId}
                onChange={(event) => setDraft({ ...draft, housingUnitId: event.target.value })}
              >
                <option value="">{t('relocation.transition.chooseUnit')}</option>
                {candidates
                  .filter((candidate) => candidate.eligible)
                  .map((candidate) => (
                    <option key={candidate.unit.id} value={candidate.unit.id}>
                      {candidate.unit.code} — {[candidate.unit.address, candidate.unit.locality].filter(Boolean).join(', ')} ({candidate.score})
                    </option>
                  ))}
              </select>
              <span id={`${id}-unit-help`} className="rel-help">
                {t('relocation.transition.unitHelp')}
              </span>
            </div>
          )}
          {needsDate && (
            <div className="rel-field">
              <label htmlFor={`${id}-date`}>{t('relocation.transition.moveDate')}</label>
              <input id={`${id}-date`} type="date" required max={todayIso()} value={draft.moveDate} onChange={(event) => setDraft({ ...draft, moveDate: event.target.value })} />
            </div>
          )}
          {draft.to === 'approved' && <p className="rel-help">{t('relocation.transition.approvedAuto')}</p>}
          <div className="rel-field">
            <label htmlFor={`${id}-note`}>{t('relocation.transition.note')}</label>
            <textarea id={`${id}-note`} rows={2} maxLength={2000} value={draft.note} onChange={(event) => setDraft({ ...draft, note: event.target.value })} />
          </div>
          <div className="rel-actions">
            <button type="submit" className={`button ${draft.to === 'cancelled' ? 'rel-button--danger' : 'button--primary'}`} disabled={busy}>
              {busy ? t('relocation.common.saving') : t('relocation.transition.submit', { state: stateName })}
            </button>
            <button type="button" className="button" onClick={() => setDraft(null)}>
              {t('relocation.common.cancel')}
            </button>
          </div>
        </form>
      )}
      <p role="alert" className="rel-alert">
        {error}
      </p>
      <ConfirmDialog
        open={confirming}
        title={t('relocation.transition.cancelTitle', { code: plan.code })}
        body={t('relocation.transition.cancelBody')}
        confirmLabel={t('relocation.transition.cancelConfirm')}
        onConfirm={() => {
          setConfirming(false);
          if (draft) void apply(draft);
        }}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
