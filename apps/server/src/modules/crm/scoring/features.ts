/** What the model sees of a lead: its fields and its activity counts. */
export interface LeadFacts {
  email: string | null;
  phone: string | null;
  companyName: string | null;
  jobTitle: string | null;
  source: string | null;
  pageUrl: string | null;
  activities: number;
  calls: number;
  meetings: number;
  emails: number;
  formSubmissions: number;
}

const FREE_MAIL = /@(gmail|googlemail|yahoo|hotmail|outlook|live|aol|icloud|gmx|proton(mail)?|mail|web)\./i;

const BASE: { name: string; label: string; value: (l: LeadFacts) => number }[] = [
  {
    name: 'title_director',
    label: 'Job title: director',
    value: (l) => +/director|head of/i.test(l.jobTitle ?? ''),
  },
  {
    name: 'title_vp',
    label: 'Job title: VP',
    value: (l) => +/\bvp\b|vice president/i.test(l.jobTitle ?? ''),
  },
  {
    name: 'title_chief',
    label: 'Job title: C-level or founder',
    value: (l) => +/\bc[etfom]o\b|chief|founder|owner|president/i.test(l.jobTitle ?? ''),
  },
  { name: 'title_manager', label: 'Job title: manager', value: (l) => +/manager/i.test(l.jobTitle ?? '') },
  {
    name: 'title_student',
    label: 'Job title: student or intern',
    value: (l) => +/student|intern/i.test(l.jobTitle ?? ''),
  },
  { name: 'has_company', label: 'Company given', value: (l) => +!!l.companyName },
  { name: 'has_phone', label: 'Phone given', value: (l) => +!!l.phone },
  { name: 'free_email', label: 'Free e-mail address', value: (l) => +FREE_MAIL.test(l.email ?? '') },
  {
    name: 'pricing_page',
    label: 'Came from a pricing page',
    value: (l) => +/pricing|demo/i.test(l.pageUrl ?? ''),
  },
  { name: 'activities', label: 'Activities', value: (l) => Math.log1p(l.activities) },
  { name: 'calls', label: 'Calls', value: (l) => Math.log1p(l.calls) },
  { name: 'meetings', label: 'Meetings', value: (l) => Math.log1p(l.meetings) },
  { name: 'emails', label: 'E-mails', value: (l) => Math.log1p(l.emails) },
  { name: 'form_submissions', label: 'Form submissions', value: (l) => Math.log1p(l.formSubmissions) },
];

export interface FeatureDef {
  name: string;
  label: string;
}

/** The base features plus one indicator per source seen often enough in the training history. */
export function featureSet(history: LeadFacts[], minPerSource = 5, maxSources = 10): FeatureDef[] {
  const counts = new Map<string, number>();
  for (const l of history) if (l.source) counts.set(l.source, (counts.get(l.source) ?? 0) + 1);
  const sources = [...counts]
    .filter(([, n]) => n >= minPerSource)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, maxSources)
    .map(([s]) => ({ name: `source=${s}`, label: `Source: ${s}` }));
  return [...BASE.map(({ name, label }) => ({ name, label })), ...sources];
}

export function featureVector(defs: FeatureDef[], l: LeadFacts): number[] {
  return defs.map((d) => {
    if (d.name.startsWith('source=')) return +(l.source === d.name.slice('source='.length));
    return BASE.find((b) => b.name === d.name)?.value(l) ?? 0;
  });
}
