import { AppError } from '../../../platform/errors.js';
import { type CustomField, checkCustomValue } from '../custom-fields/index.js';
import type { EntityTable } from '../lists/index.js';
import { parseAmount, parseCurrency, parseDate } from './deal-values.js';
import { type DealContext, stageByName } from './import-deals.js';

/** How one CSV row becomes column values of a contact, company, lead or deal. */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'];
const ADDRESS_KEYS = ['street', 'city', 'region', 'postalCode', 'country'];
/** Fields an import may fill (beyond `custom.<key>` and `address.<part>`). */
const IMPORTABLE: Record<string, string[]> = {
  contact: ['firstName', 'lastName', 'emails', 'phones', 'jobTitle', 'source', 'tags', 'externalId'],
  company: ['name', 'domain', 'industry', 'size', 'phone', 'tags', 'externalId'],
  lead: [
    'firstName',
    'lastName',
    'email',
    'phone',
    'companyName',
    'jobTitle',
    'status',
    'source',
    'pageUrl',
    'tags',
    'externalId',
  ],
  deal: [
    'name',
    'amount',
    'currency',
    'stage',
    'expectedCloseDate',
    'ownerEmail',
    'companyName',
    'contactEmail',
    'lostReason',
    'tags',
    'externalId',
  ],
};
/** Statuses a lead may be imported with (converted needs a conversion). */
const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified'];

export type Mapping = Record<string, string>;

export interface Plan {
  /** Column index in the file → target field. */
  targets: { index: number; field: string }[];
  /** Fields the import writes (besides tenant_id, id), in order. */
  fields: string[];
  customByKey: Map<string, CustomField>;
  /** Deal imports: the pipeline they go into. */
  deal?: DealContext;
}

const mappingError = (header: string, message: string) =>
  new AppError('CRM.IMPORT_MAPPING', 400, `body.mapping.${header}: ${message}`, {
    errors: [{ field: `body.mapping.${header}`, message }],
  });

/** Checks the mapping against the file's header and the entity; unknown targets → 400. */
export function planImport(
  def: EntityTable,
  header: string[],
  mapping: Mapping,
  custom: CustomField[],
  deal?: DealContext,
): Plan {
  const allowed = IMPORTABLE[def.entity];
  if (!allowed)
    throw new AppError('CRM.IMPORT_ENTITY', 400, `body.entity: ${def.entity} imports are not supported`);
  const customByKey = new Map(custom.map((f) => [f.key, f]));
  const targets: Plan['targets'] = [];
  const cols = new Set<string>();
  for (const [h, field] of Object.entries(mapping)) {
    const index = header.findIndex((x) => x.trim() === h);
    if (index < 0) throw mappingError(h, 'is not a column of the file');
    if (field.startsWith('custom.')) {
      if (!customByKey.has(field.slice(7))) throw mappingError(h, `${field} is not a custom field`);
      cols.add('custom');
    } else if (field.startsWith('address.') && def.entity !== 'deal') {
      if (!ADDRESS_KEYS.includes(field.slice(8))) throw mappingError(h, `${field} is not an address part`);
      cols.add('address');
    } else if (allowed.includes(field)) cols.add(field);
    else throw mappingError(h, `${field} is not a field that can be imported`);
    targets.push({ index, field });
  }
  if (def.entity === 'company' && !cols.has('name')) throw mappingError('', 'map a column to name');
  if (def.entity === 'contact' && !['firstName', 'lastName', 'emails'].some((c) => cols.has(c)))
    throw mappingError('', 'map a column to firstName, lastName or emails');
  if (def.entity === 'lead' && !['firstName', 'lastName', 'email', 'companyName'].some((c) => cols.has(c)))
    throw mappingError('', 'map a column to firstName, lastName, email or companyName');
  if (def.entity === 'deal' && !cols.has('name')) throw mappingError('', 'map a column to name');
  return { targets, fields: [...cols], customByKey, deal };
}

const DEAL_FIELDS = new Set([
  'amount',
  'currency',
  'stage',
  'expectedCloseDate',
  'ownerEmail',
  'contactEmail',
]);

/** A deal cell into `v` (stage and owner resolved against the pipeline and members), or why not. */
function mapDealCell(
  d: DealContext,
  field: string,
  raw: string,
  v: Map<string, unknown>,
): string | undefined {
  if (field === 'amount') {
    if (raw === '') return void v.set(field, 0);
    const r = parseAmount(raw);
    if ('error' in r) return r.error;
    v.set(field, r.value);
    if (r.currency) v.set('amountCurrency', r.currency);
  } else if (field === 'currency') {
    if (raw === '') return void v.set(field, null);
    const r = parseCurrency(raw);
    if ('error' in r) return r.error;
    v.set(field, r.value);
  } else if (field === 'stage') {
    if (raw === '') return void v.set(field, null);
    const r = stageByName(d, raw);
    if ('error' in r) return r.error;
    v.set(field, r.stage);
  } else if (field === 'expectedCloseDate') {
    if (raw === '') return void v.set(field, null);
    const date = parseDate(raw, d.dateOrder);
    if (!date)
      return `expectedCloseDate: ${raw} is not a date like 2026-03-31 or ${d.dateOrder === 'mdy' ? '03/31/2026' : '31/03/2026'}`;
    v.set(field, date);
  } else if (field === 'ownerEmail') {
    const id = raw ? d.members.get(raw.toLowerCase()) : null;
    if (id === undefined) return `ownerEmail: ${raw} is not a member of this tenant`;
    v.set('ownerId', id);
    v.set(field, raw || null);
  } else if (field === 'contactEmail') v.set(field, raw || null);
  return undefined;
}

const list = (s: string, sep: RegExp) => [
  ...new Set(
    s
      .split(sep)
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

/** One row → values by column name, or the reason it cannot be imported. */
export function mapRow(
  def: EntityTable,
  plan: Plan,
  cells: string[],
): { values: Map<string, unknown> } | { error: string } {
  const v = new Map<string, unknown>();
  const custom: Record<string, unknown> = {};
  const address: Record<string, string> = {};
  for (const { index, field } of plan.targets) {
    const raw = (cells[index] ?? '').trim();
    if (field.startsWith('custom.')) {
      if (raw === '') continue;
      const f = plan.customByKey.get(field.slice(7))!;
      const r = checkCustomValue(f, raw);
      if ('error' in r) return { error: `${field}: ${r.error}` };
      custom[f.key] = r.value;
    } else if (field.startsWith('address.')) {
      if (raw) address[field.slice(8)] = raw.slice(0, 300);
    } else if (field === 'emails') {
      const emails = list(raw, /[;,\s]+/);
      const bad = emails.find((e) => !EMAIL.test(e) || e.length > 254);
      if (bad) return { error: `emails: ${bad} is not an e-mail address` };
      v.set(field, emails);
    } else if (field === 'email') {
      if (raw && (!EMAIL.test(raw) || raw.length > 254))
        return { error: `email: ${raw} is not an e-mail address` };
      v.set(field, raw || null);
    } else if (field === 'status') {
      if (raw && !LEAD_STATUSES.includes(raw.toLowerCase()))
        return { error: `status: must be one of ${LEAD_STATUSES.join(', ')}` };
      v.set(field, raw.toLowerCase() || 'new');
    } else if (field === 'pageUrl') {
      if (raw && !/^https?:\/\/\S+$/i.test(raw)) return { error: `pageUrl: ${raw} is not a URL` };
      if (raw.length > 2000) return { error: 'pageUrl: longer than 2000 characters' };
      v.set(field, raw || null);
    } else if (plan.deal && DEAL_FIELDS.has(field)) {
      const err = mapDealCell(plan.deal, field, raw, v);
      if (err) return { error: err };
    } else if (field === 'phones') v.set(field, list(raw, /[;,]/));
    else if (field === 'tags') v.set(field, list(raw, /[;,]/).slice(0, 50));
    else if (field === 'domain') {
      const d = raw
        .toLowerCase()
        .replace(/^https?:\/\//, '')
        .replace(/^www\./, '')
        .replace(/\/.*$/, '');
      if (d && !DOMAIN.test(d)) return { error: `domain: ${raw} is not a domain` };
      v.set(field, d || null);
    } else if (field === 'size') {
      if (raw && !SIZES.includes(raw)) return { error: `size: must be one of ${SIZES.join(', ')}` };
      v.set(field, raw || null);
    } else {
      if (raw.length > 300) return { error: `${field}: longer than 300 characters` };
      v.set(field, raw === '' ? (field === 'firstName' || field === 'lastName' ? '' : null) : raw);
    }
  }
  if (plan.fields.includes('custom')) v.set('custom', custom);
  if (plan.fields.includes('address')) v.set('address', address);
  if (
    def.entity === 'contact' &&
    !v.get('firstName') &&
    !v.get('lastName') &&
    !(v.get('emails') as string[] | undefined)?.length
  )
    return { error: 'a name or an e-mail is required' };
  const [cur, amountCur] = [v.get('currency'), v.get('amountCurrency')];
  if (cur && amountCur && cur !== amountCur)
    return { error: `currency: ${cur}, but the amount is in ${amountCur}` };
  if ((def.entity === 'company' || def.entity === 'deal') && !v.get('name'))
    return { error: 'name: is required' };
  if (def.entity === 'lead' && !['firstName', 'lastName', 'email', 'companyName'].some((f) => v.get(f)))
    return { error: 'a name, an e-mail or a company name is required' };
  return { values: v };
}
