import { useMe } from '../../auth/session';

/** Dates in the user's own locale and time zone (profile settings), else the browser's. */
export function useDateFormat() {
  const { settings } = useMe().user;
  const locale = typeof settings.locale === 'string' && settings.locale ? settings.locale : undefined;
  const timeZone = typeof settings.timezone === 'string' && settings.timezone ? settings.timezone : undefined;
  let absolute: Intl.DateTimeFormat;
  try {
    absolute = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  } catch {
    absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }
  const relative = new Intl.RelativeTimeFormat(absolute.resolvedOptions().locale, { numeric: 'auto' });
  return {
    dateTime: (iso: string) => absolute.format(new Date(iso)),
    /** "just now", "5 minutes ago", "yesterday" … */
    ago: (iso: string) => {
      const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
      if (Math.abs(seconds) < 60) return 'just now';
      const steps: [Intl.RelativeTimeFormatUnit, number][] = [
        ['minute', 60],
        ['hour', 3600],
        ['day', 86_400],
        ['week', 604_800],
        ['month', 2_592_000],
        ['year', 31_536_000],
      ];
      let unit = steps[0]!;
      for (const s of steps) if (Math.abs(seconds) >= s[1]) unit = s;
      return relative.format(Math.round(seconds / unit[1]), unit[0]);
    },
  };
}
