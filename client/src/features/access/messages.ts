/**
 * Strings of the access feature, merged into the app dictionaries (lib/i18n/ro.ts and en.ts) so the
 * feature owns its wording; keys start with 'access.'. Romanian is the reference.
 */
export const accessRo = {
  'access.title': 'Acces la servicii',
};

export const accessEn: Record<keyof typeof accessRo, string> = {
  'access.title': 'Service access',
};
