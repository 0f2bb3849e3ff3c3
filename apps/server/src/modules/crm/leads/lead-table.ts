import type { EntityTable } from '../lists/index.js';

/** Leads as the CRM list machinery sees them (filter, search, sort, keyset cursors, views). */
export const leadTable: EntityTable = {
  entity: 'lead',
  table: 'crm.leads',
  searchColumn: 'search',
  defaultSort: '-createdAt',
  columns: {
    id: { column: 'id', type: 'uuid' },
    firstName: { column: 'first_name', type: 'text', sort: true },
    lastName: { column: 'last_name', type: 'text', sort: true },
    email: { column: 'email', type: 'citext', sort: true },
    phone: { column: 'phone', type: 'text' },
    companyName: { column: 'company_name', type: 'text', sort: true },
    jobTitle: { column: 'job_title', type: 'text', sort: true },
    status: { column: 'status', type: 'text', sort: true },
    source: { column: 'source', type: 'text', sort: true },
    pageUrl: { column: 'page_url', type: 'text' },
    tags: { column: 'tags', type: 'text[]' },
    ownerId: { column: 'owner_id', type: 'uuid' },
    contactId: { column: 'contact_id', type: 'uuid' },
    companyId: { column: 'company_id', type: 'uuid' },
    dealId: { column: 'deal_id', type: 'uuid' },
    score: { column: 'score', type: 'number', sort: true },
    custom: { column: 'custom', type: 'jsonb' },
    externalId: { column: 'external_id', type: 'text' },
    convertedAt: { column: 'converted_at', type: 'timestamp', sort: true },
    createdAt: { column: 'created_at', type: 'timestamp', sort: true, indexedSort: true },
    updatedAt: { column: 'updated_at', type: 'timestamp', sort: true },
  },
};
