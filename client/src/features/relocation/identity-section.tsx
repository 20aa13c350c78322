import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { eraseIdentity, readIdentity, saveIdentity, type Household, type Identity, type IdentityRecord } from './api';
import { ConfirmDialog } from './confirm-dialog';
import { errorText } from './format';

type View =
  | { kind: 'hidden' }
  | { kind: 'loading' }
  | { kind: 'shown'; record: IdentityRecord }
  | { kind: 'none' }
  /** `version` is that of the record being replaced, null for a first record. */
  | { kind: 'editing'; draft: Identity; version: number | null };

const blankMember = () => ({ name: '', idCardNumber: '' });

/**
 * The identity of a household, for its caseworker and admins: hidden until asked for, because every
 * read is written to the audit log (issue 5); recorded or replaced in a form; erased after a confirmation.
 */
export function IdentitySection({ household, canWrite, onSessionExpired }: { household: Household; canWrite: boolean; onSessionExpired: () => void }) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const [view, setView] = useState<View>({ kind: 'hidden' });
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const fail = (caught: unknown) => {
    if (caught instanceof ApiError && caught.status === 401) onSessionExpired();
    if (caught instanceof ApiError && caught.status === 412) setError(t('relocation.common.conflict'));
    else setError(t('relocation.common.saveError', { message: errorText(caught) }));
  };

  const show = async () => {
    setView({ kind: 'loading' });
    setError(null);
    setMessage(null);
    try {
      setView({ kind: 'shown', record: await readIdentity(household.id) });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) setView({ kind: 'none' });
      else {
        setView({ kind: 'hidden' });
        fail(caught);
      }
    }
  };

  const save = async (event: FormEvent, draft: Identity, version: number | null) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const identity: Identity = {
        members: draft.members
          .filter((member) => member.name.trim() !== '')
          .map((member) => ({ name: member.name.trim(), idCardNumber: member.idCardNumber?.trim() || null })),
        phone: draft.phone?.trim() || null,
      };
      setView({ kind: 'shown', record: await saveIdentity(household.id, identity, version) });
      setMessage(t('relocation.identity.saved'));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const erase = async (version: number) => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      await eraseIdentity(household.id, version);
      setView({ kind: 'hidden' });
      setMessage(t('relocation.identity.erased'));
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const editor = (draft: Identity, version: number | null) => {
    const update = (next: Identity) => setView({ kind: 'editing', draft: next, version });
    const setMember = (index: number, changes: Partial<Identity['members'][number]>) =>
      update({ ...draft, members: draft.members.map((m, i) => (i === index ? { ...m, ...changes } : m)) });
    return (
      <form className="rel-form" aria-label={t('relocation.identity.edit')} onSubmit={(event) => void save(event, draft, version)}>
        <fieldset className="rel-fieldset">
          <legend>{t('relocation.identity.members')}</legend>
          {draft.members.map((member, index) => {
            const who = t('relocation.identity.memberLabel', { n: index + 1 });
            return (
              <div key={index} className="rel-form__row" role="group" aria-label={who}>
                <div className="rel-field">
                  <label htmlFor={`${id}-name-${index}`}>{`${t('relocation.identity.name')} (${who})`}</label>
                  <input id={`${id}-name-${index}`} autoComplete="off" value={member.name} onChange={(event) => setMember(index, { name: event.target.value })} />
                </div>
                <div className="rel-field">
                  <label htmlFor={`${id}-idn-${index}`}>{`${t('relocation.identity.idNumber')} (${who})`}</label>
                  <input
                    id={`${id}-idn-${index}`}
                    autoComplete="off"
                    value={member.idCardNumber ?? ''}
                    onChange={(event) => setMember(index, { idCardNumber: event.target.value })}
                  />
                </div>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('relocation.identity.removeMember', { n: index + 1 })}
                  onClick={() => update({ ...draft, members: draft.members.filter((_, i) => i !== index) })}
                >
                  ×
                </button>
              </div>
            );
          })}
          <button type="button" className="button button--small" onClick={() => update({ ...draft, members: [...draft.members, blankMember()] })}>
            {t('relocation.identity.addMember')}
          </button>
        </fieldset>
        <div className="rel-field">
          <label htmlFor={`${id}-phone`}>{t('relocation.identity.phone')}</label>
          <input id={`${id}-phone`} type="tel" autoComplete="off" value={draft.phone ?? ''} onChange={(event) => update({ ...draft, phone: event.target.value })} />
        </div>
        <div className="rel-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('relocation.common.saving') : t('relocation.common.save')}
          </button>
          <button type="button" className="button" onClick={() => setView({ kind: 'hidden' })}>
            {t('relocation.common.cancel')}
          </button>
        </div>
      </form>
    );
  };

  const shown = view.kind === 'shown' ? view.record : null;
  return (
    <section className="rel-card rel-identity" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('relocation.identity.heading')}</h2>
      <p className="rel-notice">{t('relocation.identity.audited')}</p>
      {view.kind === 'hidden' && (
        <button type="button" className="button" onClick={() => void show()}>
          {t('relocation.identity.show')}
        </button>
      )}
      {view.kind === 'loading' && <p role="status">{t('relocation.common.loading')}</p>}
      {view.kind === 'none' && (
        <>
          <p>{t('relocation.identity.none')}</p>
          {canWrite && (
            <button type="button" className="button" onClick={() => setView({ kind: 'editing', draft: { members: [blankMember()], phone: '' }, version: null })}>
              {t('relocation.identity.record')}
            </button>
          )}
        </>
      )}
      {shown && (shown.identity === null || shown.erasedAt) && (
        <>
          <p>{t('relocation.identity.erasedAt', { date: shown.erasedAt ? formatDate(shown.erasedAt) : t('relocation.common.none') })}</p>
          {canWrite && (
            <button type="button" className="button" onClick={() => setView({ kind: 'editing', draft: { members: [blankMember()], phone: '' }, version: shown.version })}>
              {t('relocation.identity.record')}
            </button>
          )}
        </>
      )}
      {shown?.identity && !shown.erasedAt && (
        <>
          <dl className="rel-dl" data-testid="identity">
            {shown.identity.members.map((member, index) => (
              <div key={index} className="rel-dl__group">
                <dt>{t('relocation.identity.memberLabel', { n: index + 1 })}</dt>
                <dd>
                  {member.name}
                  {member.idCardNumber ? ` — ${t('relocation.identity.idNumber')}: ${member.idCardNumber}` : ''}
                </dd>
              </div>
            ))}
            <div className="rel-dl__group">
              <dt>{t('relocation.identity.phone')}</dt>
              <dd>{shown.identity.phone || t('relocation.common.none')}</dd>
            </div>
          </dl>
          <div className="rel-actions">
            <button type="button" className="button" onClick={() => setView({ kind: 'hidden' })}>
              {t('relocation.identity.hide')}
            </button>
            {canWrite && (
              <>
                <button type="button" className="button" onClick={() => shown.identity && setView({ kind: 'editing', draft: shown.identity, version: shown.version })}>
                  {t('relocation.identity.edit')}
                </button>
                <button type="button" className="button rel-button--danger" disabled={busy} onClick={() => setConfirming(true)}>
                  {t('relocation.identity.erase')}
                </button>
              </>
            )}
          </div>
        </>
      )}
      {view.kind === 'editing' && editor(view.draft, view.version)}
      <p role="status" className="rel-ok">
        {message}
      </p>
      <p role="alert" className="rel-alert">
        {error}
      </p>
      <ConfirmDialog
        open={confirming}
        title={t('relocation.identity.eraseTitle', { code: household.code })}
        body={t('relocation.identity.eraseBody')}
        confirmLabel={t('relocation.identity.eraseConfirm')}
        onConfirm={() => shown && void erase(shown.version)}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
