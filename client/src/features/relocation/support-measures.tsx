import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n';
import { addSupportMeasure, SUPPORT_KINDS, SUPPORT_STATUSES, updateSupportMeasure, type SupportMeasure } from './api';
import { errorText } from './format';
import { RelocationApiError } from './http';

/** The support measures of a plan (school enrolment, employment, health, documents) with their status. */
export function SupportMeasures({
  planId,
  measures,
  canWrite,
  onChanged,
}: {
  planId: number;
  measures: SupportMeasure[];
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t, tEnum, formatDate } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<string>(SUPPORT_KINDS[0]);
  const [dueDate, setDueDate] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const fail = (caught: unknown) =>
    setError(caught instanceof RelocationApiError && caught.status === 412 ? t('relocation.common.conflict') : t('relocation.common.saveError', { message: errorText(caught) }));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await addSupportMeasure(planId, { kind, dueDate: dueDate || null, note: note.trim() || null });
      setNote('');
      setDueDate('');
      setMessage(t('relocation.support.added'));
      onChanged();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const changeStatus = async (measure: SupportMeasure, status: string) => {
    setError(null);
    try {
      await updateSupportMeasure(measure, { status });
      onChanged();
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <section className="rel-card" aria-labelledby="plan-support">
      <h2 id="plan-support">{t('relocation.support.heading')}</h2>
      {measures.length === 0 ? (
        <p className="rel-muted">{t('relocation.support.empty')}</p>
      ) : (
        <div className="rel-table-scroll">
          <table className="rel-table">
            <caption className="visually-hidden">{t('relocation.support.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('relocation.support.col.kind')}</th>
                <th scope="col">{t('relocation.support.col.status')}</th>
                <th scope="col">{t('relocation.support.col.due')}</th>
                <th scope="col">{t('relocation.support.col.note')}</th>
              </tr>
            </thead>
            <tbody>
              {measures.map((measure) => (
                <tr key={measure.id}>
                  <th scope="row">{tEnum('relocation.support.kind', measure.kind)}</th>
                  <td>
                    {canWrite ? (
                      <select
                        aria-label={t('relocation.support.statusOf', { kind: tEnum('relocation.support.kind', measure.kind) })}
                        value={measure.status}
                        onChange={(event) => void changeStatus(measure, event.target.value)}
                      >
                        {SUPPORT_STATUSES.map((status) => (
                          <option key={status} value={status}>
                            {tEnum('relocation.support.status', status)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      tEnum('relocation.support.status', measure.status)
                    )}
                  </td>
                  <td>{measure.dueDate ? formatDate(measure.dueDate) : t('relocation.common.none')}</td>
                  <td>{measure.note ?? t('relocation.common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <form className="rel-form rel-form--inline" aria-label={t('relocation.support.add')} onSubmit={(event) => void add(event)}>
          <div className="rel-field">
            <label htmlFor={`${id}-kind`}>{t('relocation.support.kind')}</label>
            <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value)}>
              {SUPPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tEnum('relocation.support.kind', k)}
                </option>
              ))}
            </select>
          </div>
          <div className="rel-field">
            <label htmlFor={`${id}-due`}>{t('relocation.support.due')}</label>
            <input id={`${id}-due`} type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
          </div>
          <div className="rel-field rel-field--grow">
            <label htmlFor={`${id}-note`}>{t('relocation.support.note')}</label>
            <input id={`${id}-note`} value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('relocation.support.add')}
          </button>
        </form>
      )}
      <p role="status" className="rel-ok">
        {message}
      </p>
      <p role="alert" className="rel-alert">
        {error}
      </p>
    </section>
  );
}
