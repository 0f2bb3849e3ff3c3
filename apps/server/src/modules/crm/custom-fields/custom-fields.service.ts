import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import type { CrmEntity, CustomFieldType, CustomTypes } from '../lists/index.js';
import { cachedTypes, rememberTypes } from './custom-types-cache.js';

export interface CustomField {
  id: string;
  entity: CrmEntity;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
  position: number;
  createdAt: string;
}

const cols = sql`id, entity, key, label, type, options, required, position, created_at as "createdAt"`;

export async function listCustomFields(ctx: TenantCtx, entity?: CrmEntity): Promise<CustomField[]> {
  const { rows } = await exec<CustomField>(
    ctx.tx,
    sql`select ${cols} from crm.custom_fields where (${entity ?? null}::text is null or entity = ${entity ?? null})
      order by entity, position, key`,
  );
  return rows;
}

export async function customTypesOf(ctx: TenantCtx, entity: CrmEntity): Promise<CustomTypes> {
  const cached = cachedTypes(ctx.tenantId, entity);
  if (cached) return cached;
  const types = new Map((await listCustomFields(ctx, entity)).map((f) => [f.key, f.type]));
  rememberTypes(ctx.tenantId, entity, types);
  return types;
}

export interface CustomFieldInput {
  entity: CrmEntity;
  key: string;
  label: string;
  type: CustomFieldType;
  options?: string[];
  required?: boolean;
  position?: number;
}

function checkOptions(type: CustomFieldType, options: string[]) {
  if ((type === 'select' || type === 'multiselect') && options.length === 0)
    throw new AppError('CRM.CUSTOM_FIELD_OPTIONS', 400, 'body.options: a select field needs options', {
      errors: [{ field: 'body.options', message: 'a select field needs options' }],
    });
}

export async function createCustomField(ctx: TenantCtx, input: CustomFieldInput): Promise<CustomField> {
  const options = input.options ?? [];
  checkOptions(input.type, options);
  const { rows } = await exec<CustomField>(
    ctx.tx,
    sql`insert into crm.custom_fields (tenant_id, id, entity, key, label, type, options, required, position)
      values (${ctx.tenantId}, ${uuidv7()}, ${input.entity}, ${input.key}, ${input.label}, ${input.type},
        ${sql.param(options)}::text[], ${input.required ?? false}, ${input.position ?? 0})
      on conflict (tenant_id, entity, key) do nothing returning ${cols}`,
  );
  if (!rows[0])
    throw new AppError(
      'CRM.CUSTOM_FIELD_EXISTS',
      409,
      `A ${input.entity} field with key ${input.key} exists`,
    );
  return rows[0];
}

export async function updateCustomField(
  ctx: TenantCtx,
  id: string,
  patch: { label?: string; options?: string[]; required?: boolean; position?: number },
): Promise<CustomField> {
  const { rows } = await exec<CustomField>(
    ctx.tx,
    sql`update crm.custom_fields set label = coalesce(${patch.label ?? null}, label),
        options = coalesce(${sql.param(patch.options ?? null)}::text[], options),
        required = coalesce(${patch.required ?? null}::boolean, required),
        position = coalesce(${patch.position ?? null}::int, position)
      where id = ${id} returning ${cols}`,
  );
  if (!rows[0]) throw new AppError('CRM.CUSTOM_FIELD_NOT_FOUND', 404, `Custom field ${id} was not found`);
  checkOptions(rows[0].type, rows[0].options);
  return rows[0];
}

export async function deleteCustomField(ctx: TenantCtx, id: string): Promise<void> {
  const { rowCount } = await exec(ctx.tx, sql`delete from crm.custom_fields where id = ${id}`);
  if (!rowCount) throw new AppError('CRM.CUSTOM_FIELD_NOT_FOUND', 404, `Custom field ${id} was not found`);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks one value against its field; returns the normalised value or an error message. */
export function checkCustomValue(f: CustomField, v: unknown): { value: unknown } | { error: string } {
  if (v === null || v === '') return f.required ? { error: 'is required' } : { value: null };
  switch (f.type) {
    case 'text':
      return typeof v === 'string' && v.length <= 2000
        ? { value: v }
        : { error: 'must be text (≤ 2000 characters)' };
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
      return Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'date':
      return typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v))
        ? { value: v }
        : { error: 'must be a date like 2026-01-31' };
    case 'select':
      return typeof v === 'string' && f.options.includes(v)
        ? { value: v }
        : { error: `must be one of ${f.options.join(', ')}` };
    case 'multiselect': {
      const arr = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/\s*[;|]\s*/).filter(Boolean) : null;
      if (!arr?.every((x) => typeof x === 'string' && f.options.includes(x)))
        return { error: `must be a list of ${f.options.join(', ')}` };
      return { value: [...new Set(arr)] };
    }
  }
}

export type FieldErrors = { field: string; message: string }[];

/**
 * Validates custom values against the tenant's fields of the entity (unknown keys, types,
 * options; required ones on create). Returns normalised values and per-field errors.
 */
export function validateCustom(
  fields: CustomField[],
  custom: Record<string, unknown>,
  opts: { create: boolean; prefix?: string },
): { custom: Record<string, unknown>; errors: FieldErrors } {
  const prefix = opts.prefix ?? 'body.custom';
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const out: Record<string, unknown> = {};
  const errors: FieldErrors = [];
  for (const [k, v] of Object.entries(custom)) {
    const f = byKey.get(k);
    if (!f) {
      errors.push({ field: `${prefix}.${k}`, message: 'is not a custom field of this record type' });
      continue;
    }
    const r = checkCustomValue(f, v);
    if ('error' in r) errors.push({ field: `${prefix}.${k}`, message: r.error });
    else out[k] = r.value;
  }
  if (opts.create)
    for (const f of fields)
      if (
        f.required &&
        (out[f.key] === undefined || out[f.key] === null) &&
        !errors.some((e) => e.field === `${prefix}.${f.key}`)
      )
        errors.push({ field: `${prefix}.${f.key}`, message: 'is required' });
  return { custom: out, errors };
}

/** validateCustom for a request: throws a 400 naming each bad `body.custom.<key>`. */
export async function checkCustom(
  ctx: TenantCtx,
  entity: CrmEntity,
  custom: Record<string, unknown> | undefined,
  create: boolean,
): Promise<Record<string, unknown> | undefined> {
  if (custom === undefined && !create) return undefined;
  const fields = await listCustomFields(ctx, entity);
  const r = validateCustom(fields, custom ?? {}, { create });
  if (r.errors.length)
    throw new AppError(
      'CRM.INVALID_CUSTOM_FIELD',
      400,
      r.errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      {
        errors: r.errors,
      },
    );
  return r.custom;
}

export type { CustomTypes };
