import { useI18n } from '../../lib/i18n';
import type { FieldSpec } from './layer-forms';

export interface FormFieldProps {
  field: FieldSpec;
  /** Prefix making the input ids unique on the page. */
  idPrefix: string;
  value: string | boolean | undefined;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: string | boolean) => void;
}

/** One labelled input of the feature form; its error is tied to it with aria-describedby. */
export function FormField({ field, idPrefix, value, error, disabled, onChange }: FormFieldProps) {
  const { t, tEnum } = useI18n();
  const label = tEnum('prop', field.name);
  const id = `${idPrefix}-${field.name}`;
  const errorId = `${id}-error`;
  const required = 'required' in field && field.required === true;
  const common = {
    id,
    name: field.name,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    'data-field': field.name,
  } as const;
  const text = typeof value === 'string' ? value : '';

  if (field.kind === 'boolean') {
    return (
      <div className="editor-field editor-field--check">
        <input {...common} type="checkbox" className="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
        <label htmlFor={id}>{label}</label>
        {error && (
          <p id={errorId} className="editor-field__error">
            {error}
          </p>
        )}
      </div>
    );
  }

  let control;
  if (field.kind === 'enum') {
    control = (
      <select {...common} required={required} value={text} onChange={(event) => onChange(event.target.value)}>
        {!required && <option value="">{t('editing.form.none')}</option>}
        {required && text === '' && <option value="">{t('editing.form.choose')}</option>}
        {field.values.map((option) => (
          <option key={option} value={option}>
            {tEnum(field.prefix, option)}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'text' && field.multiline) {
    control = <textarea {...common} rows={3} maxLength={field.maxLength} value={text} onChange={(event) => onChange(event.target.value)} />;
  } else if (field.kind === 'number') {
    control = (
      <input
        {...common}
        type="number"
        inputMode={field.step === 1 ? 'numeric' : 'decimal'}
        min={field.min}
        max={field.max}
        step={field.step}
        required={required}
        value={text}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  } else if (field.kind === 'date') {
    control = <input {...common} type="date" value={text} onChange={(event) => onChange(event.target.value)} />;
  } else {
    control = <input {...common} type="text" required={required} maxLength={field.maxLength} value={text} onChange={(event) => onChange(event.target.value)} />;
  }

  return (
    <div className="editor-field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {control}
      {error && (
        <p id={errorId} className="editor-field__error">
          {error}
        </p>
      )}
    </div>
  );
}
