import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import { type CrmUser, crmTenants, type Import, importCsv, ok, waitForImport } from './crm-fixtures.js';

type Deal = {
  id: string;
  name: string;
  stageId: string;
  amount: number;
  currency: string;
  expectedCloseDate: string | null;
  status: string;
  lostReason: string | null;
  ownerId: string | null;
  companyId: string | null;
  contactId: string | null;
  tags: string[];
  closedAt: string | null;
};
type Stage = { id: string; name: string; kind: string };
type Pipeline = { id: string; stages: Stage[] };
type Board = { columns: { stage: Stage; count: number; deals: Deal[] }[] };

let app: FastifyInstance, a: CrmUser, b: CrmUser;
let pipe: Pipeline;
let acmeId: string, adaId: string;
const STAGES = [
  { name: 'Discovery' },
  { name: 'Proposal' },
  { name: 'Closed Won', kind: 'won', probability: 100 },
  { name: 'Closed Lost', kind: 'lost' },
];

const newPipeline = async (u: CrmUser, name: string) =>
  ok<Pipeline>(await u.call('POST', '/api/brain/crm/pipelines', { name, stages: STAGES }), 201);

beforeAll(async () => {
  ({ app, a, b } = await crmTenants({ env: { RUN_WORKER: 'true' } }));
  pipe = await newPipeline(a, 'Agency clients');
  acmeId = ok<{ id: string }>(
    await a.call('POST', '/api/brain/crm/companies', { name: 'Acme Corp' }),
    201,
  ).id;
  // Two companies called Twin: a deal naming Twin is linked to neither.
  for (let i = 0; i < 2; i++) ok(await a.call('POST', '/api/brain/crm/companies', { name: 'Twin' }), 201);
  adaId = ok<{ id: string }>(
    await a.call('POST', '/api/brain/crm/contacts', { firstName: 'Ada', emails: ['ada@deals.test'] }),
    201,
  ).id;
});
afterAll(() => app?.close());

const mapping = {
  Ref: 'externalId',
  'Deal name': 'name',
  Amount: 'amount',
  Currency: 'currency',
  Stage: 'stage',
  'Close date': 'expectedCloseDate',
  Owner: 'ownerEmail',
  Company: 'companyName',
  Contact: 'contactEmail',
  'Lost reason': 'lostReason',
  Tags: 'tags',
};
const header = Object.keys(mapping).join(',');
const body = (
  csv: string,
  pipelineId: string | undefined = pipe.id,
  m: Record<string, string> = mapping,
) => ({
  entity: 'deal',
  filename: 'deals.csv',
  csv,
  mapping: m,
  ...(pipelineId ? { pipelineId } : {}),
});

const stageId = (name: string) => pipe.stages.find((s) => s.name === name)!.id;
async function board(u: CrmUser, id: string, perStage = 50): Promise<Board> {
  return ok<Board>(await u.call('GET', `/api/brain/crm/pipelines/${id}/board?perStage=${perStage}`));
}
const column = (bd: Board, stage: string) => bd.columns.find((c) => c.stage.name === stage)!;
async function dealsOf(u: CrmUser, pipelineId: string): Promise<Deal[]> {
  return ok<{ items: Deal[] }>(
    await u.call('GET', `/api/brain/crm/deals?pipelineId=${pipelineId}&limit=100&sort=name`),
  ).items;
}

describe('deal import', () => {
  it('keeps the good rows with stage, amount, currency, date, owner and links, reports the bad ones', async () => {
    const rows = [
      `D1,Website redesign,"1,200.50",usd,Discovery,2026-03-31,${a.email},Acme Corp,ADA@deals.test,,web;retainer`,
      `D2,SEO retainer,$1200,EUR,proposal,31/03/2026,,Twin,,,`,
      'D3,Mystery,100,,Nowhere,,,,,,', // line 4: unknown stage
      `D4,Big win,5000,,Closed Won,15 Mar 2026,${a.email.toUpperCase()},acme corp,,,`,
      'D5,Lost one,300,,closed lost,,,,,Too expensive,',
      'D6,Refund,-50,,Discovery,,,,,,', // line 7: negative amount
      'D7,No stage,,,,,,,,,',
      'D8,Orphan,10,,Discovery,,nobody@deals.test,,,,', // line 9: not a member
      'D9,Discovery two,20,,DISCOVERY,"March 31, 2026",,,,,',
      'D10,Proposal two,30,,Proposal,,,,,,',
      'D11,Won two,40,,closed won,,,,,,',
      'D12,Ads,50,,Discovery,,,Nobody Inc,someone@else.test,,',
    ];
    const { started, done } = await importCsv(a, body(`${header}\n${rows.join('\n')}\n`));
    expect(started).toMatchObject({ entity: 'deal', pipelineId: pipe.id });
    expect(done).toMatchObject({ status: 'completed', totalRows: 12, createdRows: 9, failedRows: 3 });
    expect(done.errors.map((e) => e.line)).toEqual([4, 7, 9]);
    expect(done.errors[0]!.reason).toBe(
      'stage: Nowhere is not a stage of this pipeline (Discovery, Proposal, Closed Won, Closed Lost)',
    );
    expect(done.errors[1]!.reason).toBe('amount: must not be negative');
    expect(done.errors[2]!.reason).toContain('ownerEmail: nobody@deals.test is not a member');

    const deals = await dealsOf(a, pipe.id);
    expect(deals).toHaveLength(9);
    const by = (n: string) => deals.find((d) => d.name === n)!;
    expect(by('Website redesign')).toMatchObject({
      stageId: stageId('Discovery'),
      amount: 1200.5,
      currency: 'USD',
      expectedCloseDate: '2026-03-31',
      status: 'open',
      closedAt: null,
      ownerId: a.userId,
      companyId: acmeId,
      contactId: adaId,
      tags: ['web', 'retainer'],
    });
    expect(by('SEO retainer')).toMatchObject({
      stageId: stageId('Proposal'),
      amount: 1200,
      currency: 'EUR',
      expectedCloseDate: '2026-03-31',
      ownerId: null,
      companyId: null, // two companies are called Twin: no link, not an error
    });
    expect(by('Big win')).toMatchObject({
      stageId: stageId('Closed Won'),
      status: 'won',
      expectedCloseDate: '2026-03-15',
      ownerId: a.userId,
      companyId: acmeId,
      lostReason: null,
    });
    expect(by('Big win').closedAt).not.toBeNull();
    expect(by('Lost one')).toMatchObject({ status: 'lost', lostReason: 'Too expensive' });
    expect(by('Lost one').closedAt).not.toBeNull();
    expect(by('No stage')).toMatchObject({ stageId: stageId('Discovery'), amount: 0, status: 'open' });
    expect(by('Discovery two').expectedCloseDate).toBe('2026-03-31');
    expect(by('Ads')).toMatchObject({ companyId: null, contactId: null });

    const bd = await board(a, pipe.id);
    const names = (s: string) => column(bd, s).deals.map((d) => d.name);
    expect(names('Discovery')).toEqual(['Website redesign', 'No stage', 'Discovery two', 'Ads']);
    expect(names('Proposal')).toEqual(['SEO retainer', 'Proposal two']);
    expect(names('Closed Won')).toEqual(['Big win', 'Won two']);
    expect(names('Closed Lost')).toEqual(['Lost one']);
  });

  it('updates by external id on a second run: counts, a stage move to the end of the new stage', async () => {
    const before = await dealsOf(a, pipe.id);
    const again = await importCsv(
      a,
      body(
        `${header}\nD1,Website redesign,1500,,Proposal,,,,,,\nD5,Lost one,300,,Closed Lost,,,,,Budget cut,\nD13,New one,70,,,,,,,,\n`,
      ),
    );
    expect(again.done).toMatchObject({ status: 'completed', createdRows: 1, updatedRows: 2, failedRows: 0 });
    const deals = await dealsOf(a, pipe.id);
    expect(deals).toHaveLength(10);
    const moved = deals.find((d) => d.name === 'Website redesign')!;
    expect(moved).toMatchObject({ id: before.find((d) => d.name === 'Website redesign')!.id, amount: 1500 });
    expect(moved.stageId).toBe(stageId('Proposal'));
    const lost = deals.find((d) => d.name === 'Lost one')!;
    expect(lost.lostReason).toBe('Budget cut');
    expect(lost.closedAt).toBe(before.find((d) => d.name === 'Lost one')!.closedAt);
    const bd = await board(a, pipe.id);
    expect(column(bd, 'Proposal').deals.map((d) => d.name)).toEqual([
      'SEO retainer',
      'Proposal two',
      'Website redesign',
    ]);
    expect(column(bd, 'Discovery').deals.map((d) => d.name)).toEqual([
      'No stage',
      'Discovery two',
      'Ads',
      'New one',
    ]);
  });

  it('refuses a missing, malformed or foreign pipelineId, and a pipelineId on other imports', async () => {
    const csv = `${header}\nX1,Nope,1,,,,,,,,\n`;
    const start = (u: CrmUser, payload: unknown) => u.call('POST', '/api/brain/crm/imports', payload);
    const missing = expectProblem(await start(a, body(csv, '')), 400, 'HTTP.VALIDATION_FAILED');
    expect(missing.detail).toContain('body.pipelineId');
    expect(expectProblem(await start(a, body(csv, 'nope')), 400, 'HTTP.VALIDATION_FAILED').detail).toContain(
      'body.pipelineId',
    );
    const unknown = expectProblem(
      await start(a, body(csv, '0190a8a0-0000-7000-8000-000000000000')),
      400,
      'CRM.IMPORT_PIPELINE',
    );
    expect(unknown.detail).toBe('body.pipelineId: no such pipeline');
    const contacts = {
      entity: 'contact',
      filename: 'c.csv',
      csv: 'Name\nx\n',
      mapping: { Name: 'firstName' },
    };
    expect(
      expectProblem(await start(a, { ...contacts, pipelineId: pipe.id }), 400, 'HTTP.VALIDATION_FAILED')
        .detail,
    ).toContain('body.pipelineId');
    // The text/csv upload takes the pipeline in the query.
    const q = (p: Record<string, string>) => new URLSearchParams(p).toString();
    const upload = (pipelineId?: string) =>
      a.call(
        'POST',
        `/api/brain/crm/imports/csv?${q({ entity: 'deal', filename: 'd.csv', mapping: JSON.stringify(mapping), ...(pipelineId ? { pipelineId } : {}) })}`,
        csv,
        { 'content-type': 'text/csv' },
      );
    expect(expectProblem(await upload(), 400, 'HTTP.VALIDATION_FAILED').detail).toContain(
      'querystring.pipelineId',
    );
    const viaCsv = ok<Import>(await upload(pipe.id), 202);
    expect(viaCsv.pipelineId).toBe(pipe.id);
    expect((await waitForImport(a, viaCsv.id)).createdRows).toBe(1);
    // A bad mapping names the column, like the other imports; deals have no address.
    const bad = expectProblem(
      await start(a, body(csv, pipe.id, { Ref: 'address.city' })),
      400,
      'CRM.IMPORT_MAPPING',
    );
    expect(bad.detail).toContain('body.mapping.Ref');
    expectProblem(await start(a, body(csv, pipe.id, { Ref: 'externalId' })), 400, 'CRM.IMPORT_MAPPING');
  });

  it('takes the currency from a code in the amount cell; "1.200" and a clashing currency are bad rows', async () => {
    const p = await newPipeline(a, 'Currencies');
    const { done } = await importCsv(a, {
      entity: 'deal',
      filename: 'eu.csv',
      csv: 'Deal name,Amount,Currency\nEuro deal,1200 EUR,\nPound deal,GBP 50,gbp\nDots,1.200,\nClash,10 EUR,USD\n',
      mapping: { 'Deal name': 'name', Amount: 'amount', Currency: 'currency' },
      pipelineId: p.id,
    });
    expect(done).toMatchObject({ status: 'completed', createdRows: 2, failedRows: 2 });
    expect(done.errors).toEqual([
      { line: 4, reason: 'amount: 1.200 has more than two decimals (the decimal mark is ".")' },
      { line: 5, reason: 'currency: USD, but the amount is in EUR' },
    ]);
    const deals = await dealsOf(a, p.id);
    expect(deals.map((d) => `${d.name}|${d.amount}|${d.currency}`)).toEqual([
      'Euro deal|1200|EUR',
      'Pound deal|50|GBP',
    ]);
  });

  it('reads a US file’s dates month first, as its own dates show, and a European one day first', async () => {
    const p = await newPipeline(a, 'Dates');
    const run = async (filename: string, dates: string[]) => {
      const csv = `Deal name,Close date\n${dates.map((d, i) => `${filename} ${i},${d}`).join('\n')}\n`;
      const { done } = await importCsv(a, {
        entity: 'deal',
        filename,
        csv,
        mapping: { 'Deal name': 'name', 'Close date': 'expectedCloseDate' },
        pipelineId: p.id,
      });
      expect(done).toMatchObject({ status: 'completed', failedRows: 0 });
      const deals = await dealsOf(a, p.id);
      return dates.map((_, i) => deals.find((d) => d.name === `${filename} ${i}`)!.expectedCloseDate);
    };
    // 03/31/2026 can only be month first: 01/02/2026 in the same file is January 2.
    expect(await run('us.csv', ['03/31/2026', '01/02/2026'])).toEqual(['2026-03-31', '2026-01-02']);
    // 31/03/2026 can only be day first: 01/02/2026 there is February 1.
    expect(await run('eu.csv', ['31/03/2026', '01/02/2026'])).toEqual(['2026-03-31', '2026-02-01']);
  });

  it("tenant B cannot import into tenant A's pipeline nor read A's import; its own import stays its own", async () => {
    const csv = `${header}\nD1,Intruder,1,,Discovery,,,,,,\n`;
    const countA = (await dealsOf(a, pipe.id)).length;
    const foreign = expectProblem(
      await b.call('POST', '/api/brain/crm/imports', body(csv, pipe.id)),
      400,
      'CRM.IMPORT_PIPELINE',
    );
    expect(foreign.detail).toContain('body.pipelineId');
    expect(ok<{ items: unknown[] }>(await b.call('GET', '/api/brain/crm/imports')).items).toHaveLength(0);
    expect(await dealsOf(a, pipe.id)).toHaveLength(countA);
    const mine = ok<{ items: Import[] }>(await a.call('GET', '/api/brain/crm/imports')).items[0]!;
    expectProblem(await b.call('GET', `/api/brain/crm/imports/${mine.id}`), 404, 'CRM.IMPORT_NOT_FOUND');

    // Same external id D1 in B's own pipeline: a new deal there, A's D1 untouched.
    const theirs = await newPipeline(b, 'B pipe');
    const r = await importCsv(b, body(csv, theirs.id));
    expect(r.done).toMatchObject({ status: 'completed', createdRows: 1, updatedRows: 0 });
    expect((await dealsOf(b, theirs.id)).map((d) => d.name)).toEqual(['Intruder']);
    expect((await dealsOf(a, pipe.id)).find((d) => d.name === 'Website redesign')).toBeDefined();
  });

  it('imports 5,000 rows in batches: the 5 bad rows reported, the rest on the board in file order', async () => {
    const big = await newPipeline(a, 'Bulk');
    const bad = new Set([17, 1001, 2500, 3999, 5000]);
    const lines = ['Ref,Deal name,Amount,Stage'];
    for (let i = 1; i <= 5000; i++)
      lines.push(
        bad.has(i)
          ? `B${i},Deal ${i},-1,Discovery`
          : `B${i},Deal ${i},${i},${i % 10 === 0 ? 'Proposal' : 'Discovery'}`,
      );
    const { done } = await importCsv(a, {
      entity: 'deal',
      filename: 'bulk.csv',
      csv: `${lines.join('\n')}\n`,
      mapping: { Ref: 'externalId', 'Deal name': 'name', Amount: 'amount', Stage: 'stage' },
      pipelineId: big.id,
    });
    expect(done).toMatchObject({ status: 'completed', totalRows: 5000, createdRows: 4995, failedRows: 5 });
    expect(done.errors.map((e) => e.line)).toEqual([...bad].map((i) => i + 1));
    const bd = await board(a, big.id, 200);
    const disc = column(bd, 'Discovery');
    const prop = column(bd, 'Proposal');
    expect(disc.count + prop.count).toBe(4995);
    expect(prop.count).toBe(498); // 500 tenth rows, B2500 and B5000 bad
    const order = (c: Board['columns'][number]) => c.deals.map((d) => Number(d.name.slice(5)));
    expect(order(disc)).toEqual([...order(disc)].sort((x, y) => x - y));
    expect(order(disc).slice(0, 3)).toEqual([1, 2, 3]);
    expect(order(prop).slice(0, 3)).toEqual([10, 20, 30]);
  }, 30_000);
});
