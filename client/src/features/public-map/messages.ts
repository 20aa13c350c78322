/**
 * Strings of the public map that the signed-in app shows (the link from the login page), merged into
 * the app dictionaries (lib/i18n/ro.ts and en.ts); keys start with 'public.'. The public page itself
 * has its own RO/EN/HU dictionaries (public-messages.ts).
 */
export const publicMapRo = {
  'public.link': 'Progresul desegregării: harta publică, fără autentificare',
};

export const publicMapEn: Record<keyof typeof publicMapRo, string> = {
  'public.link': 'Desegregation progress: the public map, no sign-in needed',
};
