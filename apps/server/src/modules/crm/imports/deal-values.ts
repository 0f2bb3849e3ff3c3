/**
 * How the cells of a deal import are read: amounts, currencies and dates in the forms other CRMs
 * and spreadsheets export. Pure functions; the rules are in the import route's description.
 */

const MAX_AMOUNT = 999_999_999_999.99;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * "1200", "1,200.50", "$1200", "1 200", "€ 99.9", "1200 USD" → a non-negative number with at most
 * two decimals. Commas are thousands separators (only in groups of three); the decimal mark is ".".
 * More decimals are refused: "1.200" is a European thousand, not 1.2. A code ("1200 EUR") is returned.
 */
export function parseAmount(raw: string): { value: number; currency?: string } | { error: string } {
  let s = raw.replace(/\s+/g, '');
  if (/^-|^\(.*\)$|-$/.test(s.replace(/^[$€£¥]/, ''))) return { error: 'amount: must not be negative' };
  const code = /^([A-Za-z]{3})(?=\d)|(?<=\d)([A-Za-z]{3})$/.exec(s.replace(/^[$€£¥]|[$€£¥]$/g, ''));
  s = s.replace(/^[$€£¥]|[$€£¥]$/g, '').replace(/^[A-Za-z]{3}(?=\d)|(?<=\d)[A-Za-z]{3}$/, '');
  if (/^-/.test(s)) return { error: 'amount: must not be negative' };
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/.test(s)) return { error: `amount: ${raw} is not a number` };
  if (/\.\d{3,}$/.test(s))
    return { error: `amount: ${raw} has more than two decimals (the decimal mark is ".")` };
  const n = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(n)) return { error: `amount: ${raw} is not a number` };
  if (n > MAX_AMOUNT) return { error: 'amount: larger than 999,999,999,999.99' };
  const currency = (code?.[1] ?? code?.[2])?.toUpperCase();
  return currency ? { value: n, currency } : { value: n };
}

/** "usd", "EUR" → "USD", "EUR"; anything but three letters is refused. */
export function parseCurrency(raw: string): { value: string } | { error: string } {
  const s = raw.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(s))
    return { error: `currency: ${raw} is not a three-letter currency code like USD` };
  return { value: s };
}

const pad = (n: number) => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2999 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const month = (name: string) => {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? undefined : i + 1;
};

/** Day and month numbers before the year: 31/03/2026, 03/31/2026, 31.03.2026, 31-03-2026. */
const NUMERIC_YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

export type DateOrder = 'dmy' | 'mdy';

/**
 * How a file writes numeric dates with the year last, read from the file itself as spreadsheet
 * importers do: month first when some date can only be month first (03/31/2026) and none can only
 * be day first (31/03/2026); day first otherwise. A US export with a day past the 12th anywhere is
 * thus read right; where the evidence clashes, day first stands and the other rows are refused.
 */
export function dateOrderOf(cells: Iterable<string>): DateOrder {
  let dayFirst = false;
  let monthFirst = false;
  for (const c of cells) {
    const m = NUMERIC_YEAR_LAST.exec(c.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  return monthFirst && !dayFirst ? 'mdy' : 'dmy';
}

/**
 * A calendar date as YYYY-MM-DD. Accepted: 2026-03-31 (also with a time after it, or with "/"),
 * 31/03/2026, 31.03.2026 and 31-03-2026 (numbers with the year last: day first unless `order` says
 * month first, see dateOrderOf), 31 Mar 2026, 31 March 2026, Mar 31 2026 and March 31, 2026.
 */
export function parseDate(raw: string, order: DateOrder = 'dmy'): string | undefined {
  const s = raw.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_YEAR_LAST.exec(s);
  if (m)
    return order === 'mdy'
      ? ymd(Number(m[3]), Number(m[1]), Number(m[2]))
      : ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/.exec(s);
  if (m) {
    const mo = month(m[2]!);
    return mo ? ymd(Number(m[3]), mo, Number(m[1])) : undefined;
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) {
    const mo = month(m[1]!);
    return mo ? ymd(Number(m[3]), mo, Number(m[2])) : undefined;
  }
  return undefined;
}
