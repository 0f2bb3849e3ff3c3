import type { FormFieldDef } from './tools-api';

export type FieldType = FormFieldDef['type'];

export const FIELD_TYPES: { value: FieldType; label: string }[] = [
  { value: 'text', label: 'Short text' },
  { value: 'email', label: 'E-mail' },
  { value: 'phone', label: 'Phone' },
  { value: 'textarea', label: 'Long text' },
  { value: 'select', label: 'Dropdown' },
  { value: 'checkbox', label: 'Checkbox' },
];

/**
 * Where a submitted value goes on the lead. The hub maps by field key (crm/forms/submit.service.ts):
 * these keys fill lead columns, any other key is kept as a custom value on the lead.
 */
export const LEAD_TARGETS: { value: string; label: string; type: FieldType }[] = [
  { value: 'email', label: 'Lead: e-mail', type: 'email' },
  { value: 'first_name', label: 'Lead: first name', type: 'text' },
  { value: 'last_name', label: 'Lead: last name', type: 'text' },
  { value: 'name', label: 'Lead: full name (split)', type: 'text' },
  { value: 'phone', label: 'Lead: phone', type: 'phone' },
  { value: 'company', label: 'Lead: company name', type: 'text' },
  { value: 'job_title', label: 'Lead: job title', type: 'text' },
];
export const CUSTOM_TARGET = 'custom';

/** The lead target a key stands for (aliases the hub also accepts count as that target). */
export function targetOfKey(key: string): string {
  if (key === 'firstname') return 'first_name';
  if (key === 'lastname') return 'last_name';
  if (key === 'full_name') return 'name';
  if (['company_name', 'organisation', 'organization'].includes(key)) return 'company';
  if (['title', 'role', 'position'].includes(key)) return 'job_title';
  return LEAD_TARGETS.some((t) => t.value === key) ? key : CUSTOM_TARGET;
}

const RESERVED = ['consent', 'page_url', '_website'];
export const KEY_RE = /^[a-z][a-z0-9_]{0,39}$/;

/** `What's your budget?` → `whats_your_budget`, unique among `taken`. */
export function slugKey(label: string, taken: string[]): string {
  let base = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  if (!/^[a-z]/.test(base)) base = `field_${base}`.replace(/_+$/, '');
  if (RESERVED.includes(base) || LEAD_TARGETS.some((t) => t.value === base)) base = `${base}_value`;
  let key = base;
  for (let i = 2; taken.includes(key); i++) key = `${base}_${i}`;
  return key;
}

/** The first problem of a field list, for the save button (the hub checks the same). */
export function fieldsProblem(fields: FormFieldDef[]): string | undefined {
  if (!fields.length) return 'Add at least one field.';
  for (const [i, f] of fields.entries()) {
    const n = `Field ${i + 1}`;
    if (!f.label.trim()) return `${n}: give it a label.`;
    if (!KEY_RE.test(f.key)) return `${n}: the key must start with a letter (a-z, 0-9 and _).`;
    if (RESERVED.includes(f.key)) return `${n}: the key ${f.key} is reserved.`;
    if (f.type === 'select' && !f.options.length) return `${n}: a dropdown needs options.`;
  }
  const keys = fields.map((f) => f.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  return dup ? `Two fields are saved as ${dup}; each field needs its own target.` : undefined;
}
