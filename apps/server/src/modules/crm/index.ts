import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Hub } from '../../platform/hub.js';
import type { ModuleDef } from '../../platform/module.js';
import { activityRoutes } from './activities/activities.routes.js';
import { companyRoutes } from './companies/index.js';
import { contactRoutes } from './contacts/index.js';
import { customFieldRoutes, listenForCustomFieldChanges } from './custom-fields/index.js';
import { dealRoutes } from './deals/deals.routes.js';
import { pipelineRoutes } from './deals/pipelines.routes.js';
import { formsRoutes } from './forms/forms.routes.js';
import { importRoutes, registerImports } from './imports/index.js';
import { leadRoutes } from './leads/leads.routes.js';
import { viewRoutes } from './lists/index.js';
import { reportRoutes } from './reports/reports.routes.js';
import { scoringRoutes } from './scoring/scoring.routes.js';
import { registerScoring } from './scoring/scoring.tasks.js';
import { seedDemoCrm } from './seed/demo-seed.js';

export type { FormInput } from './forms/forms.schemas.js';
/** Lead forms for other modules (the public sites render and the demo seed creates them). */
export { createForm, findFormPublicId, getForm, listForms, submitPath } from './forms/forms.service.js';
export { parseFormPublicId } from './forms/public-id.js';

/**
 * CRM: companies, contacts, leads, pipelines and deals, activities, custom fields, saved views,
 * imports and exports, lead capture forms, lead scoring, reports. Sub-slices live in their own
 * folders (contacts/, deals/, …) and register their routes here.
 */
const crmRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, opts) => {
  // Only the hub: passing opts on would repeat the module's prefix.
  for (const plugin of crmPlugins) await app.register(plugin, { hub: opts.hub });
};

/** Route plugins of the CRM's sub-slices, mounted under /api/brain/crm (add each slice here). */
const crmPlugins: FastifyPluginAsyncZod<{ hub: Hub }>[] = [
  companyRoutes,
  contactRoutes,
  customFieldRoutes,
  viewRoutes,
  importRoutes,
  pipelineRoutes,
  dealRoutes,
  leadRoutes,
  activityRoutes,
  reportRoutes,
  formsRoutes,
  scoringRoutes,
];

export const crmModule: ModuleDef = {
  name: 'crm',
  version: '0.1.0',
  description: 'Contacts, companies, leads, deals pipelines, activities, lead capture, scoring, import',
  routes: crmRoutes,
  register(hub) {
    registerImports(hub);
    registerScoring(hub);
    listenForCustomFieldChanges(hub);
  },
  seed: seedDemoCrm,
};
