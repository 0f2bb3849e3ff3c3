import type { CustomField, TableEntity } from './crm-api';
import type { FieldDef } from './filter-model';

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'];
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'];

const created: FieldDef = {
  key: 'createdAt',
  label: 'Created',
  type: 'timestamp',
  sortable: true,
  column: true,
};
const updated: FieldDef = { key: 'updatedAt', label: 'Updated', type: 'timestamp', sortable: true };
const owner: FieldDef = { key: 'ownerId', label: 'Owner', type: 'user', column: true };
const tags: FieldDef = { key: 'tags', label: 'Tags', type: 'list', column: true };

/** The built-in fields of each table: what can be shown, filtered and sorted. */
export const BUILTIN_FIELDS: Record<TableEntity, FieldDef[]> = {
  contact: [
    { key: 'firstName', label: 'First name', type: 'text', sortable: true },
    { key: 'lastName', label: 'Last name', type: 'text', sortable: true },
    { key: 'emails', label: 'E-mail', type: 'list', column: true },
    { key: 'phones', label: 'Phone', type: 'list' },
    { key: 'jobTitle', label: 'Job title', type: 'text', sortable: true, column: true },
    { key: 'companyId', label: 'Company', type: 'uuid', column: true },
    { key: 'source', label: 'Source', type: 'text', sortable: true },
    tags,
    owner,
    created,
    updated,
  ],
  company: [
    { key: 'name', label: 'Name', type: 'text', sortable: true },
    { key: 'domain', label: 'Domain', type: 'text', sortable: true, column: true },
    { key: 'industry', label: 'Industry', type: 'text', sortable: true, column: true },
    { key: 'size', label: 'Size', type: 'select', options: COMPANY_SIZES, sortable: true, column: true },
    { key: 'phone', label: 'Phone', type: 'text' },
    tags,
    owner,
    created,
    updated,
  ],
  lead: [
    { key: 'firstName', label: 'First name', type: 'text', sortable: true },
    { key: 'lastName', label: 'Last name', type: 'text', sortable: true },
    { key: 'score', label: 'Score', type: 'number', sortable: true, column: true },
    { key: 'status', label: 'Status', type: 'select', options: LEAD_STATUSES, sortable: true, column: true },
    { key: 'email', label: 'E-mail', type: 'text', sortable: true, column: true },
    { key: 'companyName', label: 'Company', type: 'text', sortable: true, column: true },
    { key: 'jobTitle', label: 'Job title', type: 'text', sortable: true },
    { key: 'source', label: 'Source', type: 'text', sortable: true, column: true },
    tags,
    owner,
    created,
    updated,
  ],
};

/** The name column each table starts with, and what clicking its header sorts by. */
export const NAME_SORT: Record<TableEntity, string> = {
  contact: 'lastName',
  company: 'name',
  lead: 'lastName',
};

/** A custom field as a table field (`custom.<key>`). */
export function customFieldDef(f: CustomField): FieldDef {
  const type =
    f.type === 'number'
      ? 'number'
      : f.type === 'date'
        ? 'date'
        : f.type === 'select'
          ? 'select'
          : f.type === 'multiselect'
            ? 'multiselect'
            : 'text';
  return {
    key: `custom.${f.key}`,
    label: f.label,
    type,
    options: f.options,
    sortable: f.type !== 'multiselect',
    column: true,
  };
}

export function fieldsOf(entity: TableEntity, custom: CustomField[] | undefined): FieldDef[] {
  return [...BUILTIN_FIELDS[entity], ...(custom ?? []).map(customFieldDef)];
}

/** A record's value of a field (custom values live under `custom`). */
export function fieldValue(record: object, key: string): unknown {
  if (key.startsWith('custom.'))
    return (record as { custom?: Record<string, unknown> }).custom?.[key.slice(7)];
  return (record as Record<string, unknown>)[key];
}
