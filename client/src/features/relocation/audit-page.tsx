import { useId, useState, type FormEvent } from 'react';
import type { PageProps } from '../../app/pages';
import { useI18n } from '../../lib/i18n';
import { listAudit, type AuditQuery } from './api';
import { LoadStatus } from './load-status';
import { Paging } from './paging';
import { useResource } from './use-resource';
import './relocation.css';

const PAGE_SIZE = 50;

interface Filters {
  actor: string;
  action: string;
  tableName: string;
  recordId: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { actor: '', action: '', tableName: '', recordId: '', from: '', to: '' };

/** Returns the day after a 'YYYY-MM-DD' date: the API's `to` is exclusive, the form's "to date" is inclusive. */
function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Returns the details of an audit row as one short line of JSON. */
function describeDetails(details: unknown): string {
  if (details === null || details === undefined) return '';
  const text = JSON.stringify(details);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** The audit log for admins: who did what to which record and when, newest first, filtered and paged. */
export function AuditPage({ onSessionExpired }: PageProps) {
  const { t, formatDate, formatNumber } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [query, setQuery] = useState<AuditQuery>({ limit: PAGE_SIZE, offset: 0 });
  const log = useResource(JSON.stringify(query), (signal) => listAudit(query, signal), onSessionExpired);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setQuery({
      limit: PAGE_SIZE,
      offset: 0,
      actor: draft.actor.trim() || undefined,
      action: draft.action.trim() || undefined,
      tableName: draft.tableName.trim() || undefined,
      recordId: draft.recordId.trim() || undefined,
      from: draft.from || undefined,
      to: draft.to ? dayAfter(draft.to) : undefined,
    });
  };

  const field = (key: keyof Filters, label: string, type = 'text') => (
    <div className="rel-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} type={type} value={draft[key]} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} />
    </div>
  );

  return (
    <div className="rel-page">
      <h1>{t('relocation.audit.heading')}</h1>
      <p className="rel-muted">{t('relocation.audit.intro')}</p>
      <form className="rel-filters" aria-label={t('relocation.audit.filters')} onSubmit={apply}>
        {field('actor', t('relocation.audit.actor'))}
        {field('action', t('relocation.audit.action'))}
        {field('tableName', t('relocation.audit.tableName'))}
        {field('recordId', t('relocation.audit.recordId'))}
        {field('from', t('relocation.audit.from'), 'date')}
        {field('to', t('relocation.audit.to'), 'date')}
        <button type="submit" className="button button--primary">
          {t('relocation.common.apply')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(EMPTY);
            setQuery({ limit: PAGE_SIZE, offset: 0 });
          }}
        >
          {t('relocation.common.reset')}
        </button>
      </form>
      <LoadStatus status={log.status} error={log.error} />
      {log.data && (
        <>
          {log.data.items.length === 0 ? (
            <p>{t('relocation.audit.empty')}</p>
          ) : (
            <div className="rel-table-scroll">
              <table className="rel-table" data-testid="audit-log">
                <caption className="visually-hidden">{t('relocation.audit.table')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('relocation.audit.col.at')}</th>
                    <th scope="col">{t('relocation.audit.col.actor')}</th>
                    <th scope="col">{t('relocation.audit.col.action')}</th>
                    <th scope="col">{t('relocation.audit.col.record')}</th>
                    <th scope="col">{t('relocation.audit.col.request')}</th>
                    <th scope="col">{t('relocation.audit.col.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        <time dateTime={entry.at}>{formatDate(entry.at)}</time>
                      </td>
                      <td>{entry.actorUsername ?? t('relocation.common.none')}</td>
                      <th scope="row">
                        <code>{entry.action}</code>
                      </th>
                      <td>{entry.tableName ? `${entry.tableName} #${entry.recordId ?? ''}` : t('relocation.common.none')}</td>
                      <td>
                        <code className="rel-help">{entry.requestId ?? ''}</code>
                      </td>
                      <td>
                        <code className="rel-details">{describeDetails(entry.details)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="rel-muted">{t('relocation.audit.count', { count: formatNumber(log.data.numberMatched) })}</p>
          <Paging offset={query.offset} limit={query.limit} total={log.data.numberMatched} onChange={(offset) => setQuery((previous) => ({ ...previous, offset }))} />
        </>
      )}
    </div>
  );
}
