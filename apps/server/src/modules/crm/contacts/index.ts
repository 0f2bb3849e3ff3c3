export { type Contact, contactTable } from './contact-table.js';
export { contactRoutes } from './contacts.routes.js';
