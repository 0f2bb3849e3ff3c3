import type { EntityTable } from '../lists/index.js';

/** Deals as the CRM list machinery sees them (filter, search, sort, keyset cursors, views). */
export const dealTable: EntityTable = {
  entity: 'deal',
  table: 'crm.deals',
  searchColumn: 'search',
  defaultSort: '-createdAt',
  columns: {
    id: { column: 'id', type: 'uuid' },
    name: { column: 'name', type: 'text', sort: true },
    pipelineId: { column: 'pipeline_id', type: 'uuid' },
    stageId: { column: 'stage_id', type: 'uuid' },
    position: { column: 'position', type: 'number', sort: true },
    amount: { column: 'amount', type: 'number', sort: true },
    currency: { column: 'currency', type: 'text', sort: true },
    expectedCloseDate: { column: 'expected_close_date', type: 'date', sort: true },
    status: { column: 'status', type: 'text', sort: true },
    lostReason: { column: 'lost_reason', type: 'text' },
    contactId: { column: 'contact_id', type: 'uuid' },
    companyId: { column: 'company_id', type: 'uuid' },
    ownerId: { column: 'owner_id', type: 'uuid' },
    tags: { column: 'tags', type: 'text[]' },
    custom: { column: 'custom', type: 'jsonb' },
    closedAt: { column: 'closed_at', type: 'timestamp', sort: true },
    createdAt: { column: 'created_at', type: 'timestamp', sort: true },
    updatedAt: { column: 'updated_at', type: 'timestamp', sort: true },
  },
};
