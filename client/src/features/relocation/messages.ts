/**
 * Strings of the relocation feature, merged into the app dictionaries (lib/i18n/ro.ts and en.ts) so the
 * feature owns its wording; keys start with 'relocation.'. Romanian is the reference.
 */
export const relocationRo = {
  'relocation.title': 'Relocare',
};

export const relocationEn: Record<keyof typeof relocationRo, string> = {
  'relocation.title': 'Relocation',
};
