export { companyRoutes } from './companies.routes.js';
export { type Company, companyTable } from './company-table.js';
