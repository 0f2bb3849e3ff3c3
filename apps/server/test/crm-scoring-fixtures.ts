import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { uuidv7 } from '../src/platform/ids.js';
import { type CrmUser, crmUser } from './crm-fixtures.js';
import { buildTestApp } from './helpers.js';

export type User = CrmUser;
export type Reason = { kind: string; label: string; points: number };
export type Score = { leadId: string; score: number; reasons: Reason[]; usedModel: boolean };
export type Model = {
  trained: boolean;
  closedLeads: number;
  model: null | {
    samples: number;
    metrics: Record<string, number>;
    weights: { feature: string; weight: number }[];
  };
};

/** Users, API calls and lead fixtures for the scoring tests (leads inserted directly: the leads slice owns their API). */
export function scoringFixtures(app: FastifyInstance) {
  const user = (): Promise<User> => crmUser(app);
  const api = (u: User, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    u.call(method, `/api/brain/crm${url}`, payload);
  const q = async <T>(sql: string, params: unknown[] = []) =>
    (await app.hub.db.admin.query(sql, params)).rows as T[];
  const score = async (u: User, leadId: string) => {
    const res = await api(u, 'POST', `/scoring/leads/${leadId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Score;
  };

  /** Inserts a lead directly (the leads slice owns the HTTP API; this keeps the fixtures fast). */
  async function insertLead(
    t: string,
    o: { jobTitle?: string; source?: string; status?: string; company?: string } = {},
  ) {
    const id = uuidv7();
    await q(
      `insert into crm.leads (tenant_id, id, first_name, email, job_title, source, status, company_name)
     values ($1, $2, 'L', $3, $4, $5, $6, $7)`,
      [
        t,
        id,
        `${randomUUID()}@lead.example`,
        o.jobTitle ?? null,
        o.source ?? null,
        o.status ?? 'new',
        o.company ?? null,
      ],
    );
    return id;
  }
  const addActivity = (t: string, leadId: string, type: string, daysAgo = 0) =>
    q(
      `insert into crm.activities (tenant_id, id, type, lead_id, occurred_at) values ($1, $2, $3, $4, now() - make_interval(days => $5))`,
      [t, uuidv7(), type, leadId, daysAgo],
    );

  /** A deterministic generator, so the history is the same on every run. */
  function rng(seed: number) {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** Directors and webinar leads convert far more often; everything else rarely. */
  async function history(t: string, n: number) {
    const r = rng(42);
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = 0; i < n; i++) {
      const director = r() < 0.4;
      const webinar = r() < 0.4;
      const p = director && webinar ? 0.9 : director ? 0.65 : webinar ? 0.45 : 0.05;
      const status = r() < p ? 'converted' : 'unqualified';
      const title = director ? 'Director of Marketing' : r() < 0.5 ? 'Analyst' : 'Student';
      const k = values.length;
      rows.push(`($${k + 1}::uuid, $${k + 2}::uuid, 'H', $${k + 3}, $${k + 4}, $${k + 5})`);
      values.push(t, uuidv7(), title, webinar ? 'webinar' : 'ads', status);
    }
    await q(
      `insert into crm.leads (tenant_id, id, first_name, job_title, source, status) values ${rows.join(', ')}`,
      values,
    );
  }

  return { user, api, q, score, insertLead, addActivity, history };
}

/** A test hub that runs the job worker (scores are computed in jobs), and its scoring fixtures. */
export async function scoringHub() {
  const app = await buildTestApp({ RUN_WORKER: 'true' });
  return { app, fx: scoringFixtures(app) };
}
