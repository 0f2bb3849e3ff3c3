/** Choices for the profile's locale and time zone fields. */

const LOCALES = [
  'en-US',
  'en-GB',
  'en-IN',
  'de-DE',
  'fr-FR',
  'es-ES',
  'it-IT',
  'nl-NL',
  'pt-BR',
  'pl-PL',
  'sv-SE',
  'hi-IN',
  'ja-JP',
  'zh-CN',
];

export const browserLocale = () => navigator.language || 'en-US';
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function localeName(tag: string) {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Common locales (plus the current one), each named in its own language. */
export function localeOptions(current: string) {
  const tags = LOCALES.includes(current) ? LOCALES : [current, ...LOCALES];
  return tags.map((tag) => ({ value: tag, label: `${localeName(tag)} (${tag})` }));
}

let zones: string[] | undefined;
export function timeZoneOptions(current: string) {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  const all = zones.includes(current) ? zones : [current, ...zones];
  return all.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }));
}
