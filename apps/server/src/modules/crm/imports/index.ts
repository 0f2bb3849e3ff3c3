export { registerImports, runImport } from './import-job.js';
export { importRoutes } from './imports.routes.js';
