import { describe, expect, it } from 'vitest';
import { featureSet, featureVector, type LeadFacts } from './features.js';
import { auc, predict, trainLogistic } from './logistic.js';
import { fitMatches, type LeadRecord, type Rule, scoreRules } from './rules.js';

/** A small deterministic generator (mulberry32), so the test data is the same on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const facts = (o: Partial<LeadFacts> = {}): LeadFacts => ({
  email: null,
  phone: null,
  companyName: null,
  jobTitle: null,
  source: null,
  pageUrl: null,
  activities: 0,
  calls: 0,
  meetings: 0,
  emails: 0,
  formSubmissions: 0,
  ...o,
});

describe('logistic regression', () => {
  it('recovers a known signal: the informative feature gets the large positive weight, AUC is high', () => {
    const r = rng(7);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 600; i++) {
      const signal = r() < 0.5 ? 1 : 0;
      const noise = r();
      X.push([signal, noise, 3]); // the constant column must not break standardisation
      y.push(r() < (signal ? 0.8 : 0.1) ? 1 : 0);
    }
    const m = trainLogistic(X, y);
    expect(m.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(m.weights[1]!)).toBeLessThan(0.3);
    expect(m.weights[2]).toBe(0);
    expect(
      auc(
        X.map((x) => predict(m, x)),
        y,
      ),
    ).toBeGreaterThan(0.8);
    expect(predict(m, [1, 0.5, 3])).toBeGreaterThan(0.6);
    expect(predict(m, [0, 0.5, 3])).toBeLessThan(0.2);
  });

  it('L2 shrinks the weights', () => {
    const X = [[0], [0], [1], [1], [0], [1]];
    const y = [0, 0, 1, 1, 0, 1];
    const loose = trainLogistic(X, y, { l2: 0 });
    const tight = trainLogistic(X, y, { l2: 1 });
    expect(Math.abs(tight.weights[0]!)).toBeLessThan(Math.abs(loose.weights[0]!));
  });

  it('AUC: perfect, inverted, ties and one-class', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(auc([0.1, 0.2], [1, 1])).toBe(0.5);
  });
});

describe('features', () => {
  it('derive title, contact and activity features, and one indicator per frequent source', () => {
    const history = [...Array(6)].map(() => facts({ source: 'webinar' })).concat([facts({ source: 'rare' })]);
    const defs = featureSet(history);
    expect(defs.map((d) => d.name)).toContain('source=webinar');
    expect(defs.map((d) => d.name)).not.toContain('source=rare');
    const v = featureVector(
      defs,
      facts({ jobTitle: 'Marketing Director', source: 'webinar', calls: 3, email: 'a@gmail.com' }),
    );
    const at = (n: string) => v[defs.findIndex((d) => d.name === n)];
    expect(at('title_director')).toBe(1);
    expect(at('title_manager')).toBe(0);
    expect(at('source=webinar')).toBe(1);
    expect(at('free_email')).toBe(1);
    expect(at('calls')).toBeCloseTo(Math.log1p(3));
  });
});

describe('rules', () => {
  const lead: LeadRecord = {
    ...facts({ jobTitle: 'Sales Director', companyName: 'Acme', email: 'x@acme.io', source: 'webinar' }),
    firstName: 'Ada',
    lastName: 'L',
    status: 'new',
  };
  it('match case-insensitively and sum to a clamped score', () => {
    expect(fitMatches({ field: 'job_title', op: 'contains', value: 'DIRECTOR' }, lead)).toBe(true);
    expect(fitMatches({ field: 'email_domain', op: 'equals', value: 'acme.io' }, lead)).toBe(true);
    expect(fitMatches({ field: 'phone', op: 'absent' }, lead)).toBe(true);
    const rule = (id: string, points: number, r: Partial<Rule> = {}): Rule =>
      ({
        id,
        kind: 'fit',
        label: id,
        condition: { field: 'company_name', op: 'present' },
        points,
        createdAt: '',
        ...r,
      }) as Rule;
    const eng = rule('eng', 30, {
      kind: 'engagement',
      condition: { metric: 'activities', days: 30, min: 2 },
    } as Partial<Rule>);
    expect(scoreRules([rule('a', 70), rule('b', 50), eng], lead, new Map([['eng', 2]])).score).toBe(100);
    const low = scoreRules([rule('a', -20), eng], lead, new Map([['eng', 1]]));
    expect(low).toEqual({ score: 0, reasons: [{ kind: 'fit', label: 'a', points: -20 }] });
  });
});
