import { type EntityTable, registerEntityTable } from '../lists/index.js';

export const contactTable: EntityTable = registerEntityTable({
  entity: 'contact',
  table: 'crm.contacts',
  searchColumn: 'search',
  defaultSort: '-createdAt',
  columns: {
    id: { column: 'id', type: 'uuid' },
    firstName: {
      column: 'first_name',
      type: 'text',
      sort: true,
      write: true,
      notNull: true,
      indexedSort: true,
    },
    lastName: {
      column: 'last_name',
      type: 'text',
      sort: true,
      write: true,
      notNull: true,
      indexedSort: true,
    },
    emails: { column: 'emails', type: 'citext[]', write: true },
    phones: { column: 'phones', type: 'text[]', write: true },
    jobTitle: { column: 'job_title', type: 'text', sort: true, write: true },
    source: { column: 'source', type: 'text', sort: true, write: true },
    tags: { column: 'tags', type: 'text[]', write: true },
    ownerId: { column: 'owner_id', type: 'uuid', write: true },
    companyId: { column: 'company_id', type: 'uuid', write: true },
    address: { column: 'address', type: 'jsonb', write: true },
    custom: { column: 'custom', type: 'jsonb', write: true },
    externalId: { column: 'external_id', type: 'text', write: true },
    createdAt: { column: 'created_at', type: 'timestamp', sort: true, indexedSort: true },
    updatedAt: { column: 'updated_at', type: 'timestamp', sort: true, indexedSort: true },
  },
});

export interface Contact {
  id: string;
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  jobTitle: string | null;
  source: string | null;
  tags: string[];
  ownerId: string | null;
  companyId: string | null;
  address: Record<string, string>;
  custom: Record<string, unknown>;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
}
