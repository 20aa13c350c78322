import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, isAbortError } from '../../lib/api-client';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { listHousingUnits } from '../housing-units/api';
import { listHouseholds, listPlans, type Household } from '../relocation/api';
import { proposeMoves, simulate, type Move, type SimulationReport, type UnitLevel } from './api';
import { formatIndex, formatIndexChange } from './format-index';
import { INDEX_KEYS } from './index-figures';

/** How many waiting households a batch proposal takes. */
const BATCH_SIZE = 20;
const LABELS = ['A', 'B'] as const;
type Label = (typeof LABELS)[number];

type Option = { id: number; code: string };

const messageOf = (error: unknown) => (error instanceof ApiError ? (error.detail ?? error.message) : error instanceof Error ? error.message : String(error));

/** Households of the settlements waiting for a flat: no plan yet, or a plan not yet matched. */
function isWaiting(household: Household): boolean {
  return household.settlementId !== null && (household.currentPlan === null || ['draft', 'assessed'].includes(household.currentPlan.state));
}

/**
 * The simulation of proposed moves (issue 12): two proposals, each filled by hand or from batch matching,
 * simulated side by side against today. Nothing is written: neither batch matching nor the simulation
 * reserves a flat.
 */
export function SimulationPanel({ units, onSessionExpired }: { units: UnitLevel; onSessionExpired: () => void }) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const baseId = useId();
  const [households, setHouseholds] = useState<Option[]>([]);
  const [flats, setFlats] = useState<Option[]>([]);
  const [proposals, setProposals] = useState<Record<Label, Move[]>>({ A: [], B: [] });
  const [picks, setPicks] = useState<Record<Label, { household: string; unit: string }>>({ A: { household: '', unit: '' }, B: { household: '', unit: '' } });
  const [busy, setBusy] = useState<null | 'batch-A' | 'batch-B' | 'plans-A' | 'plans-B' | 'simulate'>(null);
  const [allCodes, setAllCodes] = useState<Map<number, string>>(new Map());
  const [flatCodes, setFlatCodes] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SimulationReport | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([listHouseholds({ limit: 1000, offset: 0 }, controller.signal), listHousingUnits(controller.signal)])
      .then(([page, collection]) => {
        setHouseholds(page.items.filter(isWaiting).map((h) => ({ id: h.id, code: h.code })));
        setAllCodes(new Map(page.items.map((h) => [h.id, h.code])));
        setFlats(collection.features.filter((f) => f.properties.status === 'available').map((f) => ({ id: Number(f.id), code: f.properties.code })));
        setFlatCodes(new Map(collection.features.map((f) => [Number(f.id), f.properties.code])));
      })
      .catch((caught: unknown) => {
        if (isAbortError(caught)) return;
        if (caught instanceof ApiError && caught.status === 401) onSessionExpired();
        setError(messageOf(caught));
      });
    return () => controller.abort();
  }, [onSessionExpired]);

  const codeOfHousehold = allCodes;
  const codeOfFlat = flatCodes;

  const fail = (caught: unknown) => {
    if (caught instanceof ApiError && caught.status === 401) onSessionExpired();
    setError(messageOf(caught));
  };

  const addMove = (label: Label) => {
    const householdId = Number(picks[label].household);
    const housingUnitId = Number(picks[label].unit);
    if (!householdId || !housingUnitId) return;
    setProposals((current) => ({
      ...current,
      // A household or flat chosen again replaces its earlier move.
      [label]: [...current[label].filter((m) => m.householdId !== householdId && m.housingUnitId !== housingUnitId), { householdId, housingUnitId }],
    }));
    setPicks((current) => ({ ...current, [label]: { household: '', unit: '' } }));
  };

  const fillFromBatch = async (label: Label) => {
    setBusy(`batch-${label}`);
    setError(null);
    try {
      const moves = await proposeMoves(
        households.slice(0, BATCH_SIZE).map((h) => h.id),
        label === 'A' ? 'default' : 'strict',
      );
      setProposals((current) => ({ ...current, [label]: moves }));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  };

  // The plans on the board that hold a flat but have not moved: what the caseworkers have already chosen.
  const fillFromPlans = async (label: Label) => {
    setBusy(`plans-${label}`);
    setError(null);
    try {
      const pages = await Promise.all(['matched', 'approved'].map((state) => listPlans({ limit: 1000, state })));
      const moves = pages
        .flatMap((page) => page.items)
        .filter((plan) => plan.housingUnitId !== null && allCodes.has(plan.householdId))
        .map((plan) => ({ householdId: plan.householdId, housingUnitId: plan.housingUnitId as number }));
      setProposals((current) => ({ ...current, [label]: moves }));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  };

  const run = async () => {
    setBusy('simulate');
    setError(null);
    try {
      const chosen = LABELS.filter((label) => proposals[label].length > 0).map((label) => ({ label, moves: proposals[label] }));
      setResult(await simulate(units, chosen));
      resultRef.current?.focus();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  };

  const canRun = LABELS.some((label) => proposals[label].length > 0) && busy === null;

  return (
    <section className="segregation-simulation" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{t('segregation.sim.title')}</h2>
      <p className="rel-muted">{t('segregation.sim.help')}</p>
      <div className="segregation-proposals">
        {LABELS.map((label) => (
          <fieldset key={label} className="segregation-proposal" data-proposal={label}>
            <legend>{t('segregation.sim.proposal', { label })}</legend>
            <button type="button" onClick={() => void fillFromBatch(label)} disabled={busy !== null || households.length === 0}>
              {t('segregation.sim.fromBatch')}
            </button>
            <p className="rel-muted">
              {t('segregation.sim.fromBatchHelp', {
                count: Math.min(BATCH_SIZE, households.length),
                limits: t(label === 'A' ? 'segregation.sim.limits.default' : 'segregation.sim.limits.strict'),
              })}
            </p>
            <button type="button" onClick={() => void fillFromPlans(label)} disabled={busy !== null}>
              {t('segregation.sim.fromPlans')}
            </button>
            {busy === `batch-${label}` && (
              <p role="status" className="rel-muted">
                {t('segregation.sim.batchRunning')}
              </p>
            )}
            <div className="segregation-add">
              <label>
                {t('segregation.sim.household')}
                <select value={picks[label].household} onChange={(event) => setPicks((c) => ({ ...c, [label]: { ...c[label], household: event.target.value } }))}>
                  <option value="">—</option>
                  {households.map((h) => (
                    <option key={h.id} value={h.id}>
                      {h.code}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('segregation.sim.unit')}
                <select value={picks[label].unit} onChange={(event) => setPicks((c) => ({ ...c, [label]: { ...c[label], unit: event.target.value } }))}>
                  <option value="">—</option>
                  {flats.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.code}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={() => addMove(label)} disabled={!picks[label].household || !picks[label].unit}>
                {t('segregation.sim.add')}
              </button>
            </div>
            <p className="segregation-move-count">
              {proposals[label].length === 0
                ? t('segregation.sim.empty')
                : proposals[label].length === 1
                  ? t('segregation.sim.countOne')
                  : t('segregation.sim.count', { count: proposals[label].length })}
              {proposals[label].length > 0 && (
                <button type="button" className="segregation-link-button" onClick={() => setProposals((c) => ({ ...c, [label]: [] }))}>
                  {t('segregation.sim.clear')}
                </button>
              )}
            </p>
            <ul className="segregation-moves">
              {proposals[label].map((move) => {
                const household = codeOfHousehold.get(move.householdId) ?? `#${move.householdId}`;
                const unit = codeOfFlat.get(move.housingUnitId) ?? `#${move.housingUnitId}`;
                return (
                  <li key={move.householdId}>
                    {household} → {unit}{' '}
                    <button
                      type="button"
                      className="segregation-link-button"
                      aria-label={t('segregation.sim.removeMove', { household, unit })}
                      onClick={() => setProposals((c) => ({ ...c, [label]: c[label].filter((m) => m.householdId !== move.householdId) }))}
                    >
                      {t('segregation.sim.remove')}
                    </button>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}
      </div>
      <button type="button" onClick={() => void run()} disabled={!canRun}>
        {busy === 'simulate' ? t('segregation.sim.running') : t('segregation.sim.run')}
      </button>
      {error && (
        <p role="alert" className="rel-alert">
          {t('segregation.sim.error', { message: error })}
        </p>
      )}
      {result && (
        <div className="segregation-result">
          <h3 ref={resultRef} tabIndex={-1}>
            {t('segregation.sim.result')}
          </h3>
          <p role="status">{t('segregation.sim.written')}</p>
          <div className="rel-table-scroll">
          <table className="rel-table" data-testid="simulation-result">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{t('segregation.sim.before')}</th>
                {result.proposals.map((p) => (
                  <th scope="col" key={p.label}>
                    {t('segregation.sim.after', { label: p.label })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {INDEX_KEYS.map((key) => (
                <tr key={key} data-index={key}>
                  <th scope="row">{t(`segregation.index.${key}` as MessageKey)}</th>
                  <td>{formatIndex(result.before.indices[key], i18n)}</td>
                  {result.proposals.map((p) => (
                    <td key={p.label}>
                      {formatIndex(p.after.indices[key], i18n)} <span className="rel-muted">({formatIndexChange(p.change[key], i18n)})</span>
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">{t('segregation.sim.relocated')}</th>
                <td>{formatNumber(result.before.concentration.relocatedHouseholds)}</td>
                {result.proposals.map((p) => (
                  <td key={p.label}>{formatNumber(p.after.concentration.relocatedHouseholds)}</td>
                ))}
              </tr>
              <tr data-row="flagged">
                <th scope="row">{t('segregation.sim.flagged')}</th>
                <td>{formatNumber(result.before.concentration.flagged)}</td>
                {result.proposals.map((p) => (
                  <td key={p.label}>{formatNumber(p.after.concentration.flagged)}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t('segregation.sim.accessBefore')}</th>
                <td>–</td>
                {result.proposals.map((p) => (
                  <td key={p.label}>{p.access.meanBefore === null ? '–' : formatNumber(p.access.meanBefore)}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t('segregation.sim.accessAfter')}</th>
                <td>–</td>
                {result.proposals.map((p) => (
                  <td key={p.label}>
                    {p.access.meanAfter === null ? '–' : formatNumber(p.access.meanAfter)}{' '}
                    {p.access.meanGain !== null && <span className="rel-muted">({formatNumber(p.access.meanGain, { signDisplay: 'exceptZero' })})</span>}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t('segregation.sim.accessWorse')}</th>
                <td>–</td>
                {result.proposals.map((p) => (
                  <td key={p.label}>{formatNumber(p.access.worse)}</td>
                ))}
              </tr>
            </tbody>
          </table>
          </div>
          <p className="rel-muted">D, xPx, η², H: {t('segregation.sim.lower')}</p>
        </div>
      )}
    </section>
  );
}
