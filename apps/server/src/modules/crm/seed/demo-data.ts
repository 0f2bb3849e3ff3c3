/** What the demo tenants' CRM holds: plausible records for an agency, a store and a dental practice. */
export interface DemoFlavour {
  slug: string;
  /** 12 companies: name, domain, industry, size. */
  companies: [string, string, string, string][];
  /** What the deals sell, combined with the company name. */
  offers: string[];
  currency: string;
  leadSources: string[];
  /** A "Contact us" form for this tenant (Bizoholic's is the one the CMS puts on its site). */
  contactForm: boolean;
}

export const DEMO_FLAVOURS: DemoFlavour[] = [
  {
    slug: 'bizoholic',
    companies: [
      ['Northwind Outfitters', 'northwind-outfitters.com', 'Retail', '51-200'],
      ['Bluefin Logistics', 'bluefinlogistics.io', 'Logistics', '201-1000'],
      ['Cedar & Pine Interiors', 'cedarpine.design', 'Interior design', '11-50'],
      ['Lumen Solar', 'lumensolar.energy', 'Energy', '51-200'],
      ['Okapi Fitness', 'okapifit.com', 'Fitness', '11-50'],
      ['Riverside Law Group', 'riversidelaw.com', 'Legal services', '11-50'],
      ['Tandem Bikes', 'tandembikes.co', 'Retail', '1-10'],
      ['Greenleaf Cafés', 'greenleafcafe.com', 'Hospitality', '51-200'],
      ['Atlas Roofing', 'atlasroofing.net', 'Construction', '11-50'],
      ['Nimbus Software', 'nimbussoft.dev', 'Software', '201-1000'],
      ['Harvest Market', 'harvestmarket.shop', 'Grocery', '51-200'],
      ['Polar Pediatrics', 'polarpediatrics.org', 'Healthcare', '11-50'],
    ],
    offers: [
      'SEO retainer',
      'Google Ads management',
      'Website redesign',
      'Social media package',
      'Brand strategy',
    ],
    currency: 'USD',
    leadSources: ['website', 'referral', 'webinar', 'linkedin', 'google-ads'],
    contactForm: true,
  },
  {
    slug: 'coreldove',
    companies: [
      ['Maple Street Boutique', 'maplestreetboutique.com', 'Retail', '1-10'],
      ['Hotel Aurora', 'hotelaurora.com', 'Hospitality', '51-200'],
      ['Studio Kiln', 'studiokiln.art', 'Arts', '1-10'],
      ['Brightside Offices', 'brightsideoffices.com', 'Real estate', '11-50'],
      ['Fennel & Fig', 'fennelfig.kitchen', 'Restaurants', '11-50'],
      ['Wanderlust Travel', 'wanderlust.travel', 'Travel', '11-50'],
      ['Urban Nest Realty', 'urbannest.homes', 'Real estate', '11-50'],
      ['Kindred Spa', 'kindredspa.com', 'Wellness', '11-50'],
      ['Copperline Events', 'copperline.events', 'Events', '1-10'],
      ['Sprout Daycare', 'sproutdaycare.org', 'Childcare', '11-50'],
      ['Vista Dental Lab', 'vistadentallab.com', 'Healthcare', '11-50'],
      ['Beacon Coworking', 'beaconcowork.com', 'Real estate', '51-200'],
    ],
    offers: ['Wholesale order', 'Corporate gifts', 'Seasonal collection', 'Custom print run'],
    currency: 'EUR',
    leadSources: ['website', 'trade-show', 'instagram', 'referral'],
    contactForm: false,
  },
  {
    slug: 'harbor-dental',
    companies: [
      ['Bayview School District', 'bayviewschools.org', 'Education', '1001-5000'],
      ['Harborline Ferries', 'harborline.com', 'Transport', '201-1000'],
      ['Seaside Senior Living', 'seasideseniors.org', 'Healthcare', '51-200'],
      ['Pier 9 Brewing', 'pier9brewing.com', 'Food & drink', '11-50'],
      ['Marina Tech', 'marinatech.io', 'Software', '51-200'],
      ['Coastal Credit Union', 'coastalcu.org', 'Finance', '201-1000'],
      ['Lighthouse Insurance', 'lighthouseins.com', 'Insurance', '51-200'],
      ['Driftwood Hotel', 'driftwoodhotel.com', 'Hospitality', '51-200'],
      ['Tidewater Gym', 'tidewatergym.com', 'Fitness', '11-50'],
      ['Anchor Accounting', 'anchoraccounting.com', 'Accounting', '11-50'],
      ['Gull Point Marina', 'gullpoint.marina', 'Leisure', '11-50'],
      ['Shoreline Pharmacy', 'shorelinerx.com', 'Healthcare', '11-50'],
    ],
    offers: [
      'Employee dental plan',
      'Annual check-up program',
      'Whitening package',
      'Ortho consultation day',
    ],
    currency: 'USD',
    leadSources: ['website', 'referral', 'google-maps', 'insurance-partner'],
    contactForm: false,
  },
];

export const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Mateo',
  'Sofia',
  'Lucas',
  'Mia',
  'Ethan',
  'Amara',
  'Kenji',
  'Priya',
  'Diego',
  'Lena',
  'Omar',
  'Chloe',
  'Jonas',
  'Aisha',
  'Felix',
];
export const LAST_NAMES = [
  'Nguyen',
  'Schmidt',
  'Okafor',
  'García',
  'Johansson',
  'Kowalski',
  'Haddad',
  'Tanaka',
  'Moreau',
  'Silva',
  'Brennan',
  'Rossi',
  'Park',
  'Novak',
  'Mensah',
  'Fischer',
  'Alvarez',
  'Cohen',
  'Dubois',
  'Larsen',
];
export const TITLES = [
  'CEO',
  'Marketing Manager',
  'Owner',
  'Operations Director',
  'Head of Sales',
  'Office Manager',
];
export const LOST_REASONS = ['Budget cut', 'Went with a competitor', 'No decision', 'Timing'];

/** The "Contact us" form: name, e-mail, phone, company, message, consent. */
export const CONTACT_FORM = {
  name: 'Contact us',
  fields: [
    { key: 'first_name', label: 'First name', type: 'text' as const, required: true, options: [] },
    { key: 'last_name', label: 'Last name', type: 'text' as const, required: false, options: [] },
    { key: 'email', label: 'E-mail', type: 'email' as const, required: true, options: [] },
    { key: 'phone', label: 'Phone', type: 'phone' as const, required: false, options: [] },
    { key: 'company', label: 'Company', type: 'text' as const, required: false, options: [] },
    { key: 'message', label: 'How can we help?', type: 'textarea' as const, required: true, options: [] },
  ],
  consentText: 'I agree that Bizoholic may contact me about my request.',
  thankYou: 'Thank you! We will get back to you within one business day.',
};
