import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { PageProps } from '../../app/pages';
import { ROUTES } from '../../app/router';
import { ApiError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { TimelineBars } from '../public-map/timeline-bars';
import { listSettlements } from '../settlements/api';
import { listZones } from '../zones/api';
import {
  addUpdate,
  createIntervention,
  INTERVENTION_STATUSES,
  INTERVENTION_TYPES,
  listInterventions,
  listUpdates,
  patchIntervention,
  type Intervention,
  type InterventionUpdate,
} from './api';
import { todayInCity as today } from '../../../../contracts/city-date';
import './interventions.css';

type Area = { value: string; label: string };
type Message = { kind: 'ok' | 'error'; text: string } | null;

const month = (date: string | null) => (date ? date.slice(0, 7) : null);

/** The form to record dated progress of one intervention, with its past updates. */
function ProgressForm({ intervention, onSaved, onCancel }: { intervention: Intervention; onSaved: (i: Intervention) => void; onCancel: () => void }) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const [onDate, setOnDate] = useState(today());
  const [progress, setProgress] = useState(String(intervention.progressPct));
  const [note, setNote] = useState('');
  const [updates, setUpdates] = useState<InterventionUpdate[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listUpdates(intervention.id, controller.signal).then(setUpdates, () => setUpdates([]));
    return () => controller.abort();
  }, [intervention.id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onSaved(await addUpdate(intervention.id, { onDate, progressPct: Number(progress), note: note.trim() || null }));
    } catch (cause) {
      setError(t('interventions.error', { detail: cause instanceof ApiError ? (cause.detail ?? cause.title) : String(cause) }));
    }
  };

  return (
    <form className="iv-progress" onSubmit={submit} aria-label={t('interventions.progressFor', { name: intervention.name })}>
      <div className="iv-fields">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('interventions.form.date')}</label>
          <input id={`${id}-date`} type="date" required value={onDate} onChange={(e) => setOnDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-progress`}>{t('interventions.form.progress')}</label>
          <input id={`${id}-progress`} type="number" min={0} max={100} step={1} required value={progress} onChange={(e) => setProgress(e.target.value)} />
        </div>
        <div className="field iv-fields__wide">
          <label htmlFor={`${id}-note`}>{t('interventions.form.note')}</label>
          <input id={`${id}-note`} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      {error && (
        <p role="alert" className="iv-error">
          {error}
        </p>
      )}
      <div className="iv-actions">
        <button type="submit" className="button button--primary">
          {t('interventions.form.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('interventions.form.cancel')}
        </button>
      </div>
      <h3 className="iv-subtitle">{t('interventions.updates')}</h3>
      {updates && updates.length === 0 && <p className="iv-muted">{t('interventions.noUpdates')}</p>}
      {updates && updates.length > 0 && (
        <ul className="iv-updates">
          {updates.map((u) => (
            <li key={u.id}>
              <strong>{formatDate(u.onDate)}</strong>: {u.progressPct} %{u.note ? ` — ${u.note}` : ''}
              {u.actor ? <span className="iv-muted"> ({u.actor})</span> : null}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

/** The form of a new intervention. */
function NewInterventionForm({ areas, onCreated }: { areas: { zones: Area[]; settlements: Area[] }; onCreated: (i: Intervention) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [fields, setFields] = useState({ name: '', type: 'housing', area: '', funding: '', budget: '', start: '', end: '', status: 'planned' });
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [kind, areaId] = fields.area.split(':');
    try {
      onCreated(
        await createIntervention({
          name: fields.name.trim(),
          type: fields.type,
          zoneId: kind === 'zone' ? Number(areaId) : null,
          settlementId: kind === 'settlement' ? Number(areaId) : null,
          fundingProgramme: fields.funding.trim() || null,
          budgetLei: fields.budget === '' ? null : Number(fields.budget),
          startDate: fields.start || null,
          endDate: fields.end || null,
          status: fields.status,
        }),
      );
      setFields((f) => ({ ...f, name: '', funding: '', budget: '' }));
      setError(null);
    } catch (cause) {
      setError(t('interventions.error', { detail: cause instanceof ApiError ? (cause.detail ?? cause.title) : String(cause) }));
    }
  };

  return (
    <form className="iv-new" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('interventions.new')}</h2>
      <div className="iv-fields">
        <div className="field iv-fields__wide">
          <label htmlFor={`${id}-name`}>{t('interventions.form.name')}</label>
          <input id={`${id}-name`} required maxLength={200} value={fields.name} onChange={set('name')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('interventions.form.type')}</label>
          <select id={`${id}-type`} value={fields.type} onChange={set('type')}>
            {INTERVENTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`interventions.type.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-area`}>{t('interventions.form.area')}</label>
          <select id={`${id}-area`} required value={fields.area} onChange={set('area')}>
            <option value="" />
            <optgroup label={t('interventions.form.zones')}>
              {areas.zones.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('interventions.form.settlements')}>
              {areas.settlements.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-funding`}>{t('interventions.form.funding')}</label>
          <input id={`${id}-funding`} maxLength={200} value={fields.funding} onChange={set('funding')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-budget`}>{t('interventions.form.budget')}</label>
          <input id={`${id}-budget`} type="number" min={0} step="any" value={fields.budget} onChange={set('budget')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-start`}>{t('interventions.form.start')}</label>
          <input id={`${id}-start`} type="date" value={fields.start} onChange={set('start')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`}>{t('interventions.form.end')}</label>
          <input id={`${id}-end`} type="date" min={fields.start || undefined} value={fields.end} onChange={set('end')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('interventions.form.status')}</label>
          <select id={`${id}-status`} value={fields.status} onChange={set('status')}>
            {INTERVENTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`interventions.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p role="alert" className="iv-error">
          {error}
        </p>
      )}
      <div className="iv-actions">
        <button type="submit" className="button button--primary">
          {t('interventions.form.create')}
        </button>
      </div>
    </form>
  );
}

/** The planners' interventions page (issue 6): timeline, list with status and dated progress, and a new intervention. */
export function InterventionsPage({ session, onSessionExpired }: PageProps) {
  const { t, formatNumber, formatDate } = useI18n();
  const canWrite = session.permissions.includes('interventions:write');
  const [items, setItems] = useState<Intervention[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [areas, setAreas] = useState<{ zones: Area[]; settlements: Area[] }>({ zones: [], settlements: [] });
  const [open, setOpen] = useState<number | null>(null);
  const [message, setMessage] = useState<Message>(null);

  const reload = useCallback(async () => {
    try {
      setItems(await listInterventions());
      setLoadFailed(false);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onSessionExpired();
      else setLoadFailed(true);
    }
  }, [onSessionExpired]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    if (!canWrite) return undefined;
    const controller = new AbortController();
    Promise.all([listZones(controller.signal), listSettlements(controller.signal)]).then(
      ([zones, settlements]) =>
        setAreas({
          zones: zones.features.map((f) => ({ value: `zone:${f.id}`, label: f.properties.name })).sort((a, b) => a.label.localeCompare(b.label)),
          settlements: settlements.features.map((f) => ({ value: `settlement:${f.id}`, label: f.properties.name })),
        }),
      () => undefined,
    );
    return () => controller.abort();
  }, [canWrite]);

  const replace = (changed: Intervention) => setItems((list) => list?.map((i) => (i.id === changed.id ? changed : i)) ?? null);

  const changeStatus = async (intervention: Intervention, status: string) => {
    try {
      replace(await patchIntervention(intervention.id, intervention.version, { status }));
      setMessage({ kind: 'ok', text: t('interventions.saved') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await reload();
        setMessage({ kind: 'error', text: t('interventions.conflict') });
      } else {
        setMessage({ kind: 'error', text: t('interventions.error', { detail: error instanceof ApiError ? (error.detail ?? error.title) : String(error) }) });
      }
    }
  };

  const period = (i: Intervention) => `${i.startDate ? formatDate(i.startDate) : '—'} – ${i.endDate ? formatDate(i.endDate) : '—'}`;

  return (
    <div className="iv-page">
      <div className="iv-head">
        <div>
          <h1>{t('interventions.title')}</h1>
          <p className="iv-muted">{t('interventions.intro')}</p>
        </div>
        <a className="iv-link" href={ROUTES.public}>
          {t('interventions.publicLink')}
        </a>
      </div>
      <p aria-live="polite" className={message?.kind === 'error' ? 'iv-error' : 'iv-muted'}>
        {message?.text}
      </p>
      {loadFailed && <p role="alert">{t('interventions.loadError')}</p>}
      {!items && !loadFailed && <p role="status">{t('interventions.loading')}</p>}
      {items && (
        <>
          <section aria-labelledby="iv-timeline-title" className="iv-card">
            <h2 id="iv-timeline-title">{t('interventions.timeline')}</h2>
            <TimelineBars
              items={[...items]
                .sort((a, b) => (a.startDate ?? '9999').localeCompare(b.startDate ?? '9999'))
                .map((i) => ({ key: String(i.id), name: i.name, status: i.status, progressPct: i.progressPct, startMonth: month(i.startDate), endMonth: month(i.endDate), updateMonths: [] }))}
              asOfMonth={today().slice(0, 7)}
              formatPercent={(n) => `${formatNumber(n)} %`}
            />
          </section>
          <section aria-labelledby="iv-list-title" className="iv-card">
            <h2 id="iv-list-title">{t('interventions.list')}</h2>
            <div className="iv-table-scroll" role="region" aria-labelledby="iv-list-title" tabIndex={0}>
              <table className="iv-table">
                <thead>
                  <tr>
                    <th scope="col">{t('interventions.col.name')}</th>
                    <th scope="col">{t('interventions.col.area')}</th>
                    <th scope="col">{t('interventions.col.type')}</th>
                    <th scope="col">{t('interventions.col.status')}</th>
                    <th scope="col">{t('interventions.col.period')}</th>
                    <th scope="col" className="iv-num">
                      {t('interventions.col.budget')}
                    </th>
                    <th scope="col" className="iv-num">
                      {t('interventions.col.progress')}
                    </th>
                    {canWrite && <th scope="col">{t('interventions.col.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">{i.name}</th>
                      <td>{i.areaName ?? '—'}</td>
                      <td>{t(`interventions.type.${i.type as (typeof INTERVENTION_TYPES)[number]}`)}</td>
                      <td>
                        {canWrite ? (
                          <select aria-label={t('interventions.statusOf', { name: i.name })} value={i.status} onChange={(e) => void changeStatus(i, e.target.value)}>
                            {INTERVENTION_STATUSES.map((status) => (
                              <option key={status} value={status}>
                                {t(`interventions.status.${status}`)}
                              </option>
                            ))}
                          </select>
                        ) : (
                          t(`interventions.status.${i.status as (typeof INTERVENTION_STATUSES)[number]}`)
                        )}
                      </td>
                      <td>{period(i)}</td>
                      <td className="iv-num">{i.budgetLei === null ? '—' : formatNumber(i.budgetLei)}</td>
                      <td className="iv-num">{formatNumber(i.progressPct)} %</td>
                      {canWrite && (
                        <td>
                          <button type="button" className="button button--small" aria-expanded={open === i.id} onClick={() => setOpen(open === i.id ? null : i.id)}>
                            {t('interventions.recordProgress')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {canWrite && open !== null && items.some((i) => i.id === open) && (
              <ProgressForm
                key={open}
                intervention={items.find((i) => i.id === open) as Intervention}
                onCancel={() => setOpen(null)}
                onSaved={(changed) => {
                  replace(changed);
                  setOpen(null);
                  setMessage({ kind: 'ok', text: t('interventions.saved') });
                }}
              />
            )}
          </section>
          {canWrite && (
            <section className="iv-card">
              <NewInterventionForm
                areas={areas}
                onCreated={(created) => {
                  setItems((list) => [created, ...(list ?? [])]);
                  setMessage({ kind: 'ok', text: t('interventions.saved') });
                }}
              />
            </section>
          )}
        </>
      )}
    </div>
  );
}
