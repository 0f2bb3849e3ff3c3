import type { TenantCtx } from '../../../platform/context.js';
import { uuidv7 } from '../../../platform/ids.js';
import type { EntityTable } from '../lists/index.js';

export interface BatchRow {
  line: number;
  values: Map<string, unknown>;
}

const castOf = (type: string) =>
  type === 'jsonb' ? 'jsonb' : type === 'timestamp' ? 'timestamptz' : type === 'number' ? 'numeric' : type;

/**
 * One multi-row insert for a batch; rows whose external id exists are updated instead
 * (only the mapped columns; custom values are merged). Returns how many were created/updated.
 * The SQL text is built from trusted column names; every value is a bound parameter.
 */
export async function writeBatch(
  ctx: TenantCtx,
  def: EntityTable,
  fields: string[],
  rows: BatchRow[],
): Promise<{ created: number; updated: number }> {
  const cols = fields.map((f) => def.columns[f]!);
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const r of rows) {
    params.push(ctx.tenantId, uuidv7());
    const ph = [`$${params.length - 1}::uuid`, `$${params.length}::uuid`];
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const v = r.values.get(fields[i]!);
      params.push(c.type === 'jsonb' ? JSON.stringify(v ?? {}) : (v ?? (c.type.endsWith('[]') ? [] : null)));
      ph.push(`$${params.length}::${castOf(c.type)}`);
    }
    tuples.push(`(${ph.join(', ')})`);
  }
  const names = cols.map((c) => c.column);
  const hasExternal = names.includes('external_id');
  const sets = names
    .filter((n) => n !== 'external_id')
    .map((n) => (n === 'custom' ? `custom = t.custom || excluded.custom` : `${n} = excluded.${n}`));
  sets.push('updated_at = now()');
  const text = `insert into ${def.table} as t (tenant_id, id, ${names.join(', ')}) values ${tuples.join(', ')}
    ${hasExternal ? `on conflict (tenant_id, external_id) do update set ${sets.join(', ')}` : ''}
    returning (xmax = 0) as created`;
  const { rows: out } = await ctx.tx.$client.query<{ created: boolean }>(text, params);
  const created = out.filter((r) => r.created).length;
  return { created, updated: out.length - created };
}
