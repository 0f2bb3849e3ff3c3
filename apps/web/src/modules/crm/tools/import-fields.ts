import type { CustomField, ImportEntity } from './tools-api';

/** What a column can be imported as; `''` means "don't import". */
export interface TargetOption {
  value: string;
  label: string;
  group: string;
}

export const SKIP = '';

const ADDRESS: [string, string][] = [
  ['address.street', 'Street'],
  ['address.city', 'City'],
  ['address.region', 'Region / state'],
  ['address.postalCode', 'Postal code'],
  ['address.country', 'Country'],
];

/** The hub's importable fields (crm/imports/import-mapping.ts), with labels for people. */
const STANDARD: Record<ImportEntity, [string, string][]> = {
  contact: [
    ['firstName', 'First name'],
    ['lastName', 'Last name'],
    ['emails', 'E-mail addresses'],
    ['phones', 'Phone numbers'],
    ['jobTitle', 'Job title'],
    ['source', 'Source'],
    ['tags', 'Tags'],
  ],
  company: [
    ['name', 'Company name'],
    ['domain', 'Domain / website'],
    ['industry', 'Industry'],
    ['size', 'Size (1-10, 11-50, …)'],
    ['phone', 'Phone'],
    ['tags', 'Tags'],
  ],
  lead: [
    ['firstName', 'First name'],
    ['lastName', 'Last name'],
    ['email', 'E-mail address'],
    ['phone', 'Phone'],
    ['companyName', 'Company name'],
    ['jobTitle', 'Job title'],
    ['status', 'Status (new, contacted, qualified, unqualified)'],
    ['source', 'Source'],
    ['pageUrl', 'Page URL'],
    ['tags', 'Tags'],
  ],
  deal: [
    ['name', 'Deal name'],
    ['amount', 'Amount'],
    ['currency', 'Currency (USD, EUR, …)'],
    ['stage', 'Stage (by name)'],
    ['expectedCloseDate', 'Expected close date'],
    ['ownerEmail', 'Owner (member e-mail)'],
    ['companyName', 'Company (linked by name)'],
    ['contactEmail', 'Contact (linked by e-mail)'],
    ['lostReason', 'Lost reason'],
    ['tags', 'Tags'],
  ],
};

/** Leads and deals have no address (the hub refuses address columns for them). */
const HAS_ADDRESS: Record<ImportEntity, boolean> = { contact: true, company: true, lead: false, deal: false };

export const ENTITY_LABELS: Record<ImportEntity, { one: string; many: string }> = {
  contact: { one: 'contact', many: 'contacts' },
  company: { one: 'company', many: 'companies' },
  lead: { one: 'lead', many: 'leads' },
  deal: { one: 'deal', many: 'deals' },
};

export const EXTERNAL_ID = 'externalId';

export function targetOptions(entity: ImportEntity, custom: CustomField[]): TargetOption[] {
  return [
    ...STANDARD[entity].map(([value, label]) => ({ value, label, group: 'Fields' })),
    { value: EXTERNAL_ID, label: 'External ID (matches rows on re-import)', group: 'Fields' },
    ...(HAS_ADDRESS[entity] ? ADDRESS.map(([value, label]) => ({ value, label, group: 'Address' })) : []),
    ...custom.map((f) => ({ value: `custom.${f.key}`, label: f.label, group: 'Custom fields' })),
  ];
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header names people use, normalised (lower case, letters and digits only). */
const SYNONYMS: Record<ImportEntity, Record<string, string[]>> = {
  contact: {
    firstName: ['firstname', 'first', 'givenname', 'forename', 'fname'],
    lastName: ['lastname', 'last', 'surname', 'familyname', 'lname'],
    emails: ['email', 'emails', 'emailaddress', 'mail', 'workemail'],
    phones: ['phone', 'phones', 'phonenumber', 'mobile', 'tel', 'telephone', 'cell'],
    jobTitle: ['jobtitle', 'title', 'position', 'role'],
    source: ['source', 'leadsource', 'origin', 'channel'],
    tags: ['tags', 'tag', 'labels', 'segments'],
  },
  company: {
    name: ['name', 'companyname', 'company', 'organisation', 'organization', 'account', 'accountname'],
    domain: ['domain', 'website', 'web', 'url', 'site', 'companydomain'],
    industry: ['industry', 'sector', 'vertical'],
    size: ['size', 'companysize', 'employees', 'headcount', 'numberofemployees'],
    phone: ['phone', 'phonenumber', 'tel', 'telephone'],
    tags: ['tags', 'tag', 'labels', 'segments'],
  },
  lead: {
    firstName: ['firstname', 'first', 'givenname', 'forename', 'fname'],
    lastName: ['lastname', 'last', 'surname', 'familyname', 'lname'],
    email: ['email', 'emailaddress', 'mail', 'workemail', 'emails'],
    phone: ['phone', 'phonenumber', 'mobile', 'tel', 'telephone', 'cell'],
    companyName: ['company', 'companyname', 'organisation', 'organization', 'account', 'accountname'],
    jobTitle: ['jobtitle', 'title', 'position', 'role'],
    status: ['status', 'leadstatus', 'stage'],
    source: ['source', 'leadsource', 'origin', 'channel'],
    pageUrl: ['pageurl', 'page', 'url', 'landingpage', 'referrer', 'website'],
    tags: ['tags', 'tag', 'labels', 'segments'],
  },
  // HubSpot, Pipedrive and Salesforce export names, and what people type.
  deal: {
    name: ['dealname', 'name', 'deal', 'title', 'dealtitle', 'opportunity', 'opportunityname'],
    amount: ['amount', 'value', 'dealvalue', 'dealamount', 'price', 'total', 'revenue'],
    currency: ['currency', 'dealcurrency', 'currencycode', 'valuecurrency'],
    stage: ['stage', 'dealstage', 'pipelinestage', 'status', 'phase'],
    expectedCloseDate: [
      'closedate',
      'expectedclosedate',
      'expectedclose',
      'expectedclosingdate',
      'closingdate',
      'duedate',
    ],
    ownerEmail: ['owner', 'dealowner', 'owneremail', 'dealowneremail', 'assignee', 'assignedto', 'salesrep'],
    companyName: ['company', 'companyname', 'organisation', 'organization', 'org', 'account', 'accountname'],
    contactEmail: ['contact', 'contactemail', 'email', 'personemail', 'contactperson', 'person'],
    lostReason: ['lostreason', 'reasonlost', 'closedlostreason', 'lossreason'],
    tags: ['tags', 'tag', 'labels', 'label'],
  },
};
const SHARED: Record<string, string[]> = {
  externalId: [
    'id',
    'externalid',
    'extid',
    'recordid',
    'crmid',
    'contactid',
    'companyid',
    'leadid',
    'dealid',
    'recordidhubspot',
    'uid',
  ],
  'address.street': ['street', 'address', 'streetaddress', 'address1', 'addressline1'],
  'address.city': ['city', 'town'],
  'address.region': ['region', 'state', 'province', 'county'],
  'address.postalCode': ['zip', 'zipcode', 'postcode', 'postalcode'],
  'address.country': ['country', 'countrycode'],
};

/** A first guess for every column: by header name (custom fields by key or label); else skipped. */
export function guessMapping(
  entity: ImportEntity,
  header: string[],
  custom: CustomField[],
): Record<string, string> {
  const table: [string, string[]][] = [
    ...Object.entries(SYNONYMS[entity]),
    ...Object.entries(SHARED).filter(([t]) => HAS_ADDRESS[entity] || !t.startsWith('address.')),
    ...custom.map((f): [string, string[]] => [`custom.${f.key}`, [norm(f.key), norm(f.label)]]),
  ];
  const used = new Set<string>();
  const out: Record<string, string> = {};
  for (const h of header) {
    const n = norm(h);
    const hit = table.find(([target, names]) => !used.has(target) && names.includes(n));
    out[h] = hit ? hit[0] : SKIP;
    if (hit) used.add(hit[0]);
  }
  return out;
}

/** Why the mapping cannot be started yet (the hub's own rules, checked early), or undefined. */
export function mappingProblem(entity: ImportEntity, mapping: Record<string, string>): string | undefined {
  const targets = Object.values(mapping).filter(Boolean);
  if (!targets.length) return 'Choose a field for at least one column.';
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice) return `Two columns are mapped to the same field (${twice}); choose one.`;
  if (entity === 'company' && !targets.includes('name')) return 'Map a column to Company name.';
  if (entity === 'contact' && !['firstName', 'lastName', 'emails'].some((t) => targets.includes(t)))
    return 'Map a column to First name, Last name or E-mail addresses.';
  if (
    entity === 'lead' &&
    !['firstName', 'lastName', 'email', 'companyName'].some((t) => targets.includes(t))
  )
    return 'Map a column to First name, Last name, E-mail address or Company name.';
  if (entity === 'deal' && !targets.includes('name')) return 'Map a column to Deal name.';
  return undefined;
}
