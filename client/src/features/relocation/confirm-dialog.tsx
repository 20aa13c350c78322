import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../lib/i18n';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation for costly slips (cancelling a plan, erasing an identity). The native <dialog>
 * traps focus, closes on Escape and returns focus to the opener; the safe choice has the focus.
 */
export function ConfirmDialog({ open, title, body, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="rel-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="rel-dialog__title">
        {title}
      </h2>
      <p id={bodyId}>{body}</p>
      <div className="rel-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
          {t('relocation.common.cancel')}
        </button>
        <button type="button" className="button rel-button--danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
