import { type EntityTable, registerEntityTable } from '../lists/index.js';

export const companyTable: EntityTable = registerEntityTable({
  entity: 'company',
  table: 'crm.companies',
  searchColumn: 'search',
  defaultSort: '-createdAt',
  columns: {
    id: { column: 'id', type: 'uuid' },
    name: { column: 'name', type: 'text', sort: true, write: true, notNull: true, indexedSort: true },
    domain: { column: 'domain', type: 'citext', sort: true, write: true },
    industry: { column: 'industry', type: 'text', sort: true, write: true },
    size: { column: 'size', type: 'text', sort: true, write: true },
    phone: { column: 'phone', type: 'text', write: true },
    address: { column: 'address', type: 'jsonb', write: true },
    tags: { column: 'tags', type: 'text[]', write: true },
    ownerId: { column: 'owner_id', type: 'uuid', write: true },
    custom: { column: 'custom', type: 'jsonb', write: true },
    externalId: { column: 'external_id', type: 'text', write: true },
    createdAt: { column: 'created_at', type: 'timestamp', sort: true, indexedSort: true },
    updatedAt: { column: 'updated_at', type: 'timestamp', sort: true },
  },
});

export interface Company {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  phone: string | null;
  address: Record<string, string>;
  tags: string[];
  ownerId: string | null;
  custom: Record<string, unknown>;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
}
