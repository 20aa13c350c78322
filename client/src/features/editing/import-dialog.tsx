import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { DATA_SOURCES, type DataSourceId } from '../../map/layer-ids';
import { ProblemError, type ProblemBody } from './api';
import { formatOfFile, runImport, type ImportFormat, type ImportJob, type ImportReport, type ImportRequest } from './import-api';
import { LAYER_FORMS, LAYER_TITLE_KEYS, type FieldSpec } from './layer-forms';
import { sourceFields } from './source-fields';
import './editing.css';

export interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called after a written import, so the map can show the new rows. */
  onImported: (layer: DataSourceId, report: ImportReport) => void;
  onSessionExpired: () => void;
}

type Phase =
  | { step: 'choose' }
  | { step: 'running'; dryRun: boolean; job: ImportJob | null }
  | { step: 'checked'; report: ImportReport; key: string }
  | { step: 'done'; report: ImportReport }
  | { step: 'failed'; problem: ProblemBody; report?: ImportReport };

const CRS_CHOICES = ['EPSG:4326', 'EPSG:3844', 'other'] as const;
const AUTO = '';
const SHOWN_REJECTIONS = 200;

/** The mapping rows of a layer: its form fields and the external id that lets a re-import update rows. */
function mappable(layer: DataSourceId): FieldSpec[] {
  return [...LAYER_FORMS[layer].fields, { name: 'externalId', kind: 'text', maxLength: 200 }];
}

/**
 * The import dialog (issue 4 of the planner workspace): pick a GeoJSON, CSV or GTFS file, the target
 * layer, the source CRS and how source fields map to Punte's; a dry run reports the counts and every
 * rejected row with its reason; only a clean dry run of the same choices can be imported, all or nothing,
 * with a progress bar. A native modal <dialog> keeps focus inside and closes on Escape.
 */
export function ImportDialog({ open, onClose, onImported, onSessionExpired }: ImportDialogProps) {
  const i18n = useI18n();
  const { t, tEnum, formatNumber } = i18n;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('geojson');
  const [layer, setLayer] = useState<DataSourceId>('services');
  const [crsChoice, setCrsChoice] = useState<(typeof CRS_CHOICES)[number]>('EPSG:4326');
  const [otherCrs, setOtherCrs] = useState('');
  const [fields, setFields] = useState<string[]>([]);
  const [map, setMap] = useState<Record<string, string>>({});
  const [fixed, setFixed] = useState<Record<string, string>>({});
  const [geometryFields, setGeometryFields] = useState({ lonField: AUTO, latField: AUTO, wktField: AUTO });
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  useEffect(() => () => abort.current?.abort(), []);

  const request: ImportRequest | null = useMemo(() => {
    if (!file) return null;
    const crs = crsChoice === 'other' ? otherCrs.trim() : crsChoice;
    // Only the target layer's rows count: choices made for another layer stay in the form, unsent.
    const names = mappable(layer).map((field) => field.name);
    const chosen = (record: Record<string, string>) =>
      Object.fromEntries(Object.entries(record).filter(([name, value]) => names.includes(name) && value.trim() !== ''));
    return {
      file,
      layer,
      format,
      crs,
      map: chosen(map),
      set: chosen(fixed),
      ...(format === 'csv' ? Object.fromEntries(Object.entries(geometryFields).filter(([, value]) => value !== AUTO)) : {}),
      dryRun: true,
    };
  }, [file, layer, format, crsChoice, otherCrs, map, fixed, geometryFields]);
  // The choices a dry run checked; Import stays disabled until a clean dry run of exactly these.
  const key = request ? JSON.stringify({ ...request, file: [request.file.name, request.file.size, request.file.lastModified] }) : '';
  const running = phase.step === 'running';
  const canImport = phase.step === 'checked' && phase.key === key && phase.report.rejected === 0 && phase.report.total > 0;

  async function chooseFile(chosen: File | null) {
    setFile(chosen);
    setPhase({ step: 'choose' });
    setMap({});
    setFields([]);
    if (!chosen) return;
    const detected = formatOfFile(chosen) ?? 'geojson';
    setFormat(detected);
    if (detected === 'gtfs') setLayer('services');
    setFields(await sourceFields(chosen, detected));
  }

  async function start(dryRun: boolean) {
    if (!request) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const checkedKey = key;
    setPhase({ step: 'running', dryRun, job: null });
    try {
      const job = await runImport({ ...request, dryRun }, (progress) => setPhase({ step: 'running', dryRun, job: progress }), controller.signal);
      if (job.state === 'failed' || !job.report) {
        setPhase({ step: 'failed', problem: job.problem ?? { title: t('editing.import.failed') }, report: job.report });
      } else if (dryRun) {
        setPhase({ step: 'checked', report: job.report, key: checkedKey });
      } else {
        setPhase({ step: 'done', report: job.report });
        onImported(layer, job.report);
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) return onSessionExpired();
      const problem: ProblemBody =
        error instanceof ProblemError ? error.problem : error instanceof ApiError ? { title: error.title, detail: error.detail } : { title: t('editing.error.network') };
      setPhase({ step: 'failed', problem });
    }
  }

  const report = phase.step === 'checked' || phase.step === 'done' ? phase.report : phase.step === 'failed' ? phase.report : undefined;
  const job = phase.step === 'running' ? phase.job : null;

  return (
    <dialog ref={dialogRef} className="editing-dialog" aria-labelledby={`${id}-title`} onClose={onClose} data-testid="import-dialog">
      <div className="editing-dialog__body">
        <header className="editor-card__header">
          <h2 id={`${id}-title`} className="editor-card__title">
            {t('editing.import.title')}
          </h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('editing.import.closeDialog')}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <p className="geometry-tools__hint">{t('editing.import.intro')}</p>

        <div className="editing-dialog__grid">
          <div className="editor-field">
            <label htmlFor={`${id}-file`}>{t('editing.import.file')}</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".geojson,.json,.csv,.tsv,.txt,.zip,application/geo+json,application/json,text/csv,application/zip"
              disabled={running}
              onChange={(event) => void chooseFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <div className="editor-field">
            <label htmlFor={`${id}-format`}>{t('editing.import.format')}</label>
            <select id={`${id}-format`} value={format} disabled={running} onChange={(event) => setFormat(event.target.value as ImportFormat)}>
              <option value="geojson">GeoJSON</option>
              <option value="csv">CSV</option>
              <option value="gtfs">GTFS (zip)</option>
            </select>
          </div>
          <div className="editor-field">
            <label htmlFor={`${id}-layer`}>{t('editing.import.layer')}</label>
            <select id={`${id}-layer`} value={layer} disabled={running} onChange={(event) => setLayer(event.target.value as DataSourceId)}>
              {DATA_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(LAYER_TITLE_KEYS[source])}
                </option>
              ))}
            </select>
          </div>
          <div className="editor-field">
            <label htmlFor={`${id}-crs`}>{t('editing.import.crs')}</label>
            <select id={`${id}-crs`} value={crsChoice} disabled={running} onChange={(event) => setCrsChoice(event.target.value as (typeof CRS_CHOICES)[number])}>
              <option value="EPSG:4326">{t('editing.crs.wgs84')}</option>
              <option value="EPSG:3844">{t('editing.crs.stereo70')}</option>
              <option value="other">{t('editing.crs.other')}</option>
            </select>
          </div>
          {crsChoice === 'other' && (
            <div className="editor-field">
              <label htmlFor={`${id}-crs-other`}>{t('editing.import.crsCode')}</label>
              <input id={`${id}-crs-other`} type="text" placeholder="EPSG:31700" value={otherCrs} disabled={running} onChange={(event) => setOtherCrs(event.target.value)} />
            </div>
          )}
        </div>

        {format === 'csv' && (
          <fieldset className="editing-dialog__grid">
            <legend className="editing-tools__subheading">{t('editing.import.geometryColumns')}</legend>
            {(['lonField', 'latField', 'wktField'] as const).map((name) => (
              <div key={name} className="editor-field">
                <label htmlFor={`${id}-${name}`}>{t(`editing.import.${name}`)}</label>
                <select
                  id={`${id}-${name}`}
                  value={geometryFields[name]}
                  disabled={running}
                  onChange={(event) => setGeometryFields((previous) => ({ ...previous, [name]: event.target.value }))}
                >
                  <option value={AUTO}>{t('editing.import.auto')}</option>
                  {fields.map((field) => (
                    <option key={field} value={field}>
                      {field}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
        )}

        {format !== 'gtfs' ? (
          <table className="editing-dialog__mapping">
            <caption className="editing-tools__subheading" style={{ textAlign: 'left' }}>
              {t('editing.import.mapping')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('editing.import.property')}</th>
                <th scope="col">{t('editing.import.sourceField')}</th>
                <th scope="col">{t('editing.import.fixedValue')}</th>
              </tr>
            </thead>
            <tbody>
              {mappable(layer).map((field) => {
                const label = tEnum('prop', field.name);
                return (
                  <tr key={field.name}>
                    <th scope="row">{label}</th>
                    <td>
                      <select
                        aria-label={t('editing.import.sourceFor', { property: label })}
                        value={map[field.name] ?? AUTO}
                        disabled={running}
                        onChange={(event) => setMap((previous) => ({ ...previous, [field.name]: event.target.value }))}
                      >
                        <option value={AUTO}>{t('editing.import.auto')}</option>
                        {fields.map((source) => (
                          <option key={source} value={source}>
                            {source}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {field.kind === 'enum' ? (
                        <select
                          aria-label={t('editing.import.fixedFor', { property: label })}
                          value={fixed[field.name] ?? ''}
                          disabled={running}
                          onChange={(event) => setFixed((previous) => ({ ...previous, [field.name]: event.target.value }))}
                        >
                          <option value="">—</option>
                          {field.values.map((value) => (
                            <option key={value} value={value}>
                              {tEnum(field.prefix, value)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input
                          type="text"
                          aria-label={t('editing.import.fixedFor', { property: label })}
                          value={fixed[field.name] ?? ''}
                          disabled={running}
                          onChange={(event) => setFixed((previous) => ({ ...previous, [field.name]: event.target.value }))}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="geometry-tools__hint">{t('editing.import.gtfs')}</p>
        )}

        {phase.step === 'running' && (
          <div role="status" aria-live="polite">
            <label htmlFor={`${id}-progress`}>
              {t(phase.dryRun ? 'editing.import.checking' : 'editing.import.importing')}
              {job && job.progress.total > 0 && ` ${t(`editing.import.phase.${job.progress.phase}`)}: ${formatNumber(job.progress.processed)} / ${formatNumber(job.progress.total)}`}
            </label>
            <progress
              id={`${id}-progress`}
              className="import-progress"
              max={job && job.progress.total > 0 ? job.progress.total : undefined}
              value={job && job.progress.total > 0 ? job.progress.processed : undefined}
            />
          </div>
        )}

        {phase.step === 'failed' && (
          <div className="editor-card__error" role="alert">
            <p>{phase.problem.detail ?? phase.problem.title}</p>
            {Array.isArray(phase.problem.errors) && (
              <ul>
                {phase.problem.errors.slice(0, 20).map((item, index) => (
                  <li key={index}>{`${item.pointer}: ${item.detail}`}</li>
                ))}
              </ul>
            )}
          </div>
        )}

        {report && <ImportReportView report={report} final={phase.step === 'done'} stale={phase.step === 'checked' && phase.key !== key} />}

        <div className="editor-card__actions">
          <button type="button" className="button" disabled={!request || running} onClick={() => void start(true)}>
            {t('editing.import.dryRun')}
          </button>
          <button type="button" className="button button--primary" disabled={!canImport || running} onClick={() => void start(false)}>
            {t('editing.import.run')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('editing.import.close')}
          </button>
        </div>
        {phase.step === 'checked' && phase.key === key && phase.report.rejected > 0 && <p className="editor-field__error">{t('editing.import.fixFirst')}</p>}
      </div>
    </dialog>
  );
}

function ImportReportView({ report, final, stale }: { report: ImportReport; final: boolean; stale: boolean }) {
  const { t, formatNumber } = useI18n();
  const ref = useRef<HTMLElement>(null);
  // A new report takes focus: it is read out and scrolled into view below the mapping table.
  useEffect(() => ref.current?.focus(), [report]);
  return (
    <section ref={ref} tabIndex={-1} className="import-report" aria-label={t('editing.import.report')} data-testid="import-report">
      <p className="editing-tools__subheading">
        {t(final ? 'editing.import.doneTitle' : report.dryRun ? 'editing.import.checkTitle' : 'editing.import.notWritten')}
        {stale && ` ${t('editing.import.stale')}`}
      </p>
      <p className="import-report__counts">
        <span>{t('editing.import.total', { count: formatNumber(report.total) })}</span>
        <span>{t(final ? 'editing.import.inserted' : 'editing.import.toInsert', { count: formatNumber(report.inserted) })}</span>
        <span>{t(final ? 'editing.import.updated' : 'editing.import.toUpdate', { count: formatNumber(report.updated) })}</span>
        {final && report.unchanged > 0 && <span>{t('editing.import.unchanged', { count: formatNumber(report.unchanged) })}</span>}
        <span>{t('editing.import.rejected', { count: formatNumber(report.rejected) })}</span>
      </p>
      <p>{t('editing.import.crsUsed', { crs: report.crs.used })}{report.crs.note ? ` — ${report.crs.note}` : ''}</p>
      {report.ignoredFields.length > 0 && <p>{t('editing.import.ignored', { fields: report.ignoredFields.join(', ') })}</p>}
      {report.notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
      {report.rejectedRows.length > 0 && (
        <ol className="import-report__rejected">
          {report.rejectedRows.slice(0, SHOWN_REJECTIONS).map((row) => (
            <li key={row.index}>
              <strong>
                {t('editing.import.row', { n: row.index + 1 })}
                {row.line !== undefined && ` (${t('editing.import.line', { n: row.line })})`}
                {row.externalId && ` [${row.externalId}]`}
              </strong>
              : {row.errors.map((error) => `${error.detail} (${error.pointer})`).join('; ')}
            </li>
          ))}
        </ol>
      )}
      {report.rejectedRows.length > SHOWN_REJECTIONS && <p>{t('editing.import.moreRejected', { count: report.rejectedRows.length - SHOWN_REJECTIONS })}</p>}
    </section>
  );
}
