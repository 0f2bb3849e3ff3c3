export { customFieldRoutes } from './custom-fields.routes.js';
export {
  type CustomField,
  checkCustom,
  checkCustomValue,
  customTypesOf,
  listCustomFields,
  validateCustom,
} from './custom-fields.service.js';
export { customFieldsChanged, listenForCustomFieldChanges } from './custom-types-cache.js';
