import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n';
import { createHousehold, HOUSEHOLD_NEEDS, PRIORITIES, type Household } from './api';
import { errorText, todayIso } from './format';
import { useLocalityNames } from './use-locality-names';

interface FormState {
  settlementId: string;
  adults: number;
  children: number;
  seniors: number;
  disabledMembers: number;
  needs: string[];
  priority: string;
  consentProcessing: boolean;
  consentProcessingDate: string;
  consentSharing: boolean;
  consentSharingDate: string;
  preferredLocalities: string[];
}

const initialState = (): FormState => ({
  settlementId: '',
  adults: 1,
  children: 0,
  seniors: 0,
  disabledMembers: 0,
  needs: [],
  priority: 'medium',
  consentProcessing: true,
  consentProcessingDate: todayIso(),
  consentSharing: false,
  consentSharingDate: '',
  preferredLocalities: [],
});

/** The form that registers a pseudonymous household; calls `onCreated` with the new record. */
export function HouseholdForm({ settlements, onCreated, onCancel }: { settlements: Map<number, string>; onCreated: (household: Household) => void; onCancel: () => void }) {
  const { t, tEnum } = useI18n();
  const id = useId();
  const localities = useLocalityNames();
  const [form, setForm] = useState<FormState>(initialState);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((previous) => ({ ...previous, [key]: value }));
  const size = form.adults + form.children;
  const membersValid = form.seniors <= form.adults && form.disabledMembers <= size;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!membersValid) {
      setError(t('relocation.form.invalidMembers'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const created = await createHousehold({
        settlementId: form.settlementId ? Number(form.settlementId) : null,
        adults: form.adults,
        children: form.children,
        seniors: form.seniors,
        disabledMembers: form.disabledMembers,
        needs: form.needs,
        priority: form.priority,
        consentProcessing: form.consentProcessing,
        consentProcessingDate: form.consentProcessing ? form.consentProcessingDate || todayIso() : null,
        consentSharing: form.consentSharing,
        consentSharingDate: form.consentSharing ? form.consentSharingDate || todayIso() : null,
        preferredLocalities: form.preferredLocalities,
      });
      onCreated(created);
    } catch (caught) {
      setError(t('relocation.common.saveError', { message: errorText(caught) }));
      setSaving(false);
    }
  };

  const numberField = (key: 'adults' | 'children' | 'seniors' | 'disabledMembers', label: string, min: number) => (
    <div className="rel-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        inputMode="numeric"
        min={min}
        max={30}
        required
        value={form[key]}
        onChange={(event) => set(key, Math.max(min, Number(event.target.value) || 0))}
      />
    </div>
  );

  return (
    <form className="rel-card rel-form" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t('relocation.form.heading')}</h2>
      <p className="rel-muted">
        {t('relocation.common.pseudonymous')} {t('relocation.form.codeHelp')}
      </p>
      <div className="rel-form__row">
        <div className="rel-field">
          <label htmlFor={`${id}-settlement`}>{t('relocation.form.settlement')}</label>
          <select id={`${id}-settlement`} value={form.settlementId} onChange={(event) => set('settlementId', event.target.value)}>
            <option value="">{t('relocation.form.noSettlement')}</option>
            {[...settlements].map(([settlementId, name]) => (
              <option key={settlementId} value={settlementId}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="rel-field">
          <label htmlFor={`${id}-priority`}>{t('relocation.form.priority')}</label>
          <select id={`${id}-priority`} value={form.priority} onChange={(event) => set('priority', event.target.value)}>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {tEnum('relocation.priority', priority)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="rel-fieldset">
        <legend>{t('relocation.form.composition')}</legend>
        <div className="rel-form__row">
          {numberField('adults', t('relocation.form.adults'), 1)}
          {numberField('children', t('relocation.form.children'), 0)}
          {numberField('seniors', t('relocation.form.seniors'), 0)}
          {numberField('disabledMembers', t('relocation.form.disabled'), 0)}
        </div>
      </fieldset>
      <fieldset className="rel-fieldset">
        <legend>{t('relocation.form.needs')}</legend>
        <div className="rel-checks">
          {HOUSEHOLD_NEEDS.map((need) => (
            <label key={need} className="rel-check">
              <input
                type="checkbox"
                className="checkbox"
                checked={form.needs.includes(need)}
                onChange={(event) => set('needs', event.target.checked ? [...form.needs, need] : form.needs.filter((n) => n !== need))}
              />
              {tEnum('relocation.need', need)}
            </label>
          ))}
        </div>
      </fieldset>
      {localities.length > 0 && (
        <fieldset className="rel-fieldset">
          <legend>{t('relocation.form.localities')}</legend>
          <div className="rel-checks">
            {localities.map((locality) => (
              <label key={locality} className="rel-check">
                <input
                  type="checkbox"
                  className="checkbox"
                  checked={form.preferredLocalities.includes(locality)}
                  onChange={(event) =>
                    set('preferredLocalities', event.target.checked ? [...form.preferredLocalities, locality] : form.preferredLocalities.filter((l) => l !== locality))
                  }
                />
                {locality}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset className="rel-fieldset">
        <legend>{t('relocation.form.consents')}</legend>
        <div className="rel-form__row">
          <label className="rel-check">
            <input type="checkbox" className="checkbox" checked={form.consentProcessing} onChange={(event) => set('consentProcessing', event.target.checked)} />
            {t('relocation.form.consentProcessing')}
          </label>
          {form.consentProcessing && (
            <div className="rel-field">
              <label htmlFor={`${id}-cpd`}>{t('relocation.form.consentProcessingDate')}</label>
              <input id={`${id}-cpd`} type="date" required max={todayIso()} value={form.consentProcessingDate} onChange={(event) => set('consentProcessingDate', event.target.value)} />
            </div>
          )}
        </div>
        <div className="rel-form__row">
          <label className="rel-check">
            <input type="checkbox" className="checkbox" checked={form.consentSharing} onChange={(event) => set('consentSharing', event.target.checked)} />
            {t('relocation.form.consentSharing')}
          </label>
          {form.consentSharing && (
            <div className="rel-field">
              <label htmlFor={`${id}-csd`}>{t('relocation.form.consentSharingDate')}</label>
              <input id={`${id}-csd`} type="date" required max={todayIso()} value={form.consentSharingDate} onChange={(event) => set('consentSharingDate', event.target.value)} />
            </div>
          )}
        </div>
      </fieldset>
      {!membersValid && <p className="rel-alert">{t('relocation.form.invalidMembers')}</p>}
      <p role="alert" className="rel-alert">
        {error}
      </p>
      <div className="rel-actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('relocation.common.saving') : t('relocation.form.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('relocation.common.cancel')}
        </button>
      </div>
    </form>
  );
}
