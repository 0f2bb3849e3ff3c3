/** The CRM's list machinery: filter → SQL, search, sort, keyset cursors, CSV, shared by every entity. */

export { csvLine, parseCsv } from './csv.js';
export {
  type ColumnDef,
  type ColumnType,
  type CrmEntity,
  type CustomFieldType,
  type CustomTypes,
  type EntityTable,
  entityTableOf,
  registerEntityTable,
  selectList,
} from './entity-table.js';
export { exportCsv } from './export.js';
export { buildFilter, FILTER_DOC, type Filter, filterError, parseFilter, resolveField } from './filter.js';
export {
  encodeCursor,
  fromQuerystring,
  type ListQuery,
  type ListQuerystring,
  listQuerystring,
  runList,
  toTsQuery,
  whereOf,
} from './list-query.js';
export {
  assertMember,
  type BulkSet,
  bulkUpdate,
  deleteRecord,
  getRecord,
  insertRecord,
  targetOf,
  updateRecord,
  valueSql,
} from './records.js';
export { address, bulkTarget, customValues, idParams, pageOf, tagList, uuid } from './schemas.js';
export { viewRoutes } from './views.routes.js';
export { type SavedView, withView } from './views.service.js';
