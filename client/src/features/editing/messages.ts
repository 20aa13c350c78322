/**
 * Strings of the editing feature, merged into the app dictionaries (lib/i18n/ro.ts and en.ts) so the
 * feature owns its wording; keys start with 'editing.'. Romanian is the reference.
 */
export const editingRo = {
  'editing.title': 'Editare',
};

export const editingEn: Record<keyof typeof editingRo, string> = {
  'editing.title': 'Editing',
};
