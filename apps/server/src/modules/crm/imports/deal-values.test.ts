import { describe, expect, it } from 'vitest';
import { dateOrderOf, parseAmount, parseDate } from './deal-values.js';

describe('deal cell values', () => {
  it('reads amounts with "." as the decimal mark and refuses what it could misread', () => {
    expect(parseAmount('1,200.50')).toEqual({ value: 1200.5 });
    expect(parseAmount('$ 1 200')).toEqual({ value: 1200 });
    expect(parseAmount('0.5')).toEqual({ value: 0.5 });
    // A European thousands mark is not read as a decimal mark: 1.200 is not 1.2.
    expect(parseAmount('1.200')).toEqual({
      error: 'amount: 1.200 has more than two decimals (the decimal mark is ".")',
    });
    expect(parseAmount('1.005')).toHaveProperty('error');
    expect(parseAmount('1.200,50')).toEqual({ error: 'amount: 1.200,50 is not a number' });
    expect(parseAmount('-0')).toEqual({ error: 'amount: must not be negative' });
    expect(parseAmount('(100)')).toEqual({ error: 'amount: must not be negative' });
  });

  it('returns the currency code written with an amount', () => {
    expect(parseAmount('1200 eur')).toEqual({ value: 1200, currency: 'EUR' });
    expect(parseAmount('GBP1,000.25')).toEqual({ value: 1000.25, currency: 'GBP' });
    expect(parseAmount('€99.9')).toEqual({ value: 99.9 });
  });

  it('reads dates day first and refuses dates that do not exist', () => {
    expect(parseDate('31/12/2026')).toBe('2026-12-31');
    expect(parseDate('12/31/2026')).toBeUndefined();
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('29 Feb 2028')).toBe('2028-02-29');
    expect(parseDate('March 31, 2026')).toBe('2026-03-31');
  });

  it('tells month-first files from day-first ones by their own dates', () => {
    expect(dateOrderOf(['01/02/2026', '03/31/2026', ''])).toBe('mdy');
    expect(dateOrderOf(['01/02/2026', '31.03.2026'])).toBe('dmy');
    // Clashing evidence, or none: day first (the clashing rows are then refused as not dates).
    expect(dateOrderOf(['03/31/2026', '31/03/2026'])).toBe('dmy');
    expect(dateOrderOf(['01/02/2026', '2026-03-31'])).toBe('dmy');
    expect(parseDate('12/31/2026', 'mdy')).toBe('2026-12-31');
    expect(parseDate('01/02/2026', 'mdy')).toBe('2026-01-02');
    expect(parseDate('31/12/2026', 'mdy')).toBeUndefined();
  });
});
