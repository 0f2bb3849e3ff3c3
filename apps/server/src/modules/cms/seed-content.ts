/** The words of Bizoholic's demo marketing site (cms/seed.ts builds the site from them). */

type Block = Record<string, unknown> & { id: string; type: string };

export const SITE = {
  name: 'Bizoholic',
  handle: 'www',
  theme: {
    colors: { primary: '#5b3cc4', accent: '#ff7a59', background: '#ffffff', text: '#1c1b22' },
    font: 'system',
  },
  settings: {
    tagline: 'Growth marketing for ambitious small businesses',
    description:
      'Bizoholic is a digital marketing agency: SEO, paid media, websites and marketing automation for small and mid-sized businesses.',
    footer: '© Bizoholic Digital · 221 Market Street, San Francisco, CA · hello@bizoholic.dev',
  },
};

const rich = (id: string, html: string): Block => ({ id, type: 'richText', html });

export const HOME: Block[] = [
  { id: 'hero-h', type: 'heading', level: 1, text: 'Marketing that pays for itself' },
  rich(
    'hero-p',
    '<p>We help small and mid-sized businesses win customers online: search, paid media, websites and the automation that turns visitors into leads. No long contracts, one clear monthly report.</p>',
  ),
  {
    id: 'hero-cta',
    type: 'cta',
    heading: 'Get a free growth audit',
    text: 'In 30 minutes we show you where your next 100 customers come from and what it costs to reach them.',
    buttonLabel: 'Book my audit',
    buttonUrl: '/contact',
    style: 'primary',
  },
  { id: 'svc-h', type: 'heading', level: 2, text: 'What we do' },
  {
    id: 'svc-cols',
    type: 'columns',
    columns: [
      {
        blocks: [
          { id: 'c1-h', type: 'heading', level: 3, text: 'Search (SEO)' },
          rich(
            'c1-p',
            '<p>Technical fixes, content that answers real questions, and local listings that bring calls.</p>',
          ),
        ],
      },
      {
        blocks: [
          { id: 'c2-h', type: 'heading', level: 3, text: 'Paid media' },
          rich('c2-p', '<p>Google and Meta campaigns run against your margins, not against clicks.</p>'),
        ],
      },
      {
        blocks: [
          { id: 'c3-h', type: 'heading', level: 3, text: 'Websites & automation' },
          rich('c3-p', '<p>Fast sites, lead forms wired to your CRM, and follow-ups that never forget.</p>'),
        ],
      },
    ],
  },
  rich('svc-more', '<p><a href="/services">See all services and prices</a></p>'),
  {
    id: 'quote',
    type: 'quote',
    text: 'Bizoholic rebuilt our site and our ads in six weeks. Booked appointments are up 48% and our cost per lead halved.',
    cite: 'Dr. Hana Park, Harbor Dental',
  },
];

export const SERVICES: Block[] = [
  rich(
    'intro',
    '<p>Every engagement starts with an audit and a 90-day plan. You see the numbers every month and can stop at any time.</p>',
  ),
  { id: 'seo-h', type: 'heading', level: 2, text: 'Search engine optimisation' },
  rich(
    'seo-p',
    '<p>Site speed and structure, keyword research, content briefs and writing, Google Business Profile and local citations.</p><ul><li>Technical audit and fixes</li><li>Two in-depth articles a month</li><li>Monthly ranking and traffic report</li></ul>',
  ),
  { id: 'ppc-h', type: 'heading', level: 2, text: 'Paid media' },
  rich(
    'ppc-p',
    '<p>Search, Performance Max and Meta campaigns with conversion tracking set up properly. We optimise for booked revenue, not clicks.</p>',
  ),
  { id: 'web-h', type: 'heading', level: 2, text: 'Websites and marketing automation' },
  rich(
    'web-p',
    '<p>Fast, accessible websites on the Bizoholic platform, forms that land in your CRM, lead scoring and e-mail follow-ups.</p>',
  ),
  {
    id: 'cta',
    type: 'cta',
    heading: 'Not sure where to start?',
    text: 'Tell us about your business and we will suggest the one channel worth trying first.',
    buttonLabel: 'Contact us',
    buttonUrl: '/contact',
    style: 'secondary',
  },
];

export const ABOUT: Block[] = [
  rich(
    'story',
    '<p>Bizoholic was founded in 2019 by marketers who were tired of agencies that report impressions instead of customers. Today a team of twelve looks after more than sixty local businesses, from dental practices to online stores.</p>',
  ),
  { id: 'values-h', type: 'heading', level: 2, text: 'How we work' },
  rich(
    'values',
    '<ul><li><strong>Numbers first.</strong> Every campaign has a target cost per lead before it starts.</li><li><strong>Plain English.</strong> One monthly report, written for owners, not for marketers.</li><li><strong>No lock-in.</strong> Month-to-month, and you own every account and asset.</li></ul>',
  ),
  { id: 'quote', type: 'quote', text: 'We only win when our clients grow.', cite: 'Alex Rivera, founder' },
];

export const contactBlocks = (formId: string): Block[] => [
  rich(
    'intro',
    '<p>Tell us a little about your business and what you want to grow. We answer every message within one working day.</p><p>Prefer the phone? Call <a href="tel:+14155550142">+1 415 555 0142</a>.</p>',
  ),
  { id: 'contact-form', type: 'form', formId, heading: 'Send us a message' },
];

export const AUTHOR = {
  name: 'Alex Rivera',
  slug: 'alex-rivera',
  bio: 'Founder of Bizoholic. Fifteen years in performance marketing, mostly for businesses with one location and big ambitions.',
};

export const CATEGORIES = [
  { name: 'SEO', slug: 'seo', description: 'Getting found on Google without paying for every click.' },
  { name: 'Paid media', slug: 'paid-media', description: 'Ads that pay for themselves.' },
  { name: 'Strategy', slug: 'strategy', description: 'Where to spend the next marketing dollar.' },
];

export const POSTS = [
  {
    slug: 'local-seo-checklist',
    title: 'The local SEO checklist we run for every new client',
    excerpt: 'Twelve checks that decide whether nearby customers find you or your competitor.',
    category: 'seo',
    tags: ['seo', 'local', 'checklist'],
    daysAgo: 41,
    blocks: [
      rich(
        'p1',
        '<p>Most local businesses lose customers before anyone visits their website: the map listing is incomplete, the opening hours are wrong, or the reviews go unanswered. This is the checklist we work through in a client’s first week.</p>',
      ),
      { id: 'h1', type: 'heading', level: 2, text: 'Your Google Business Profile' },
      rich(
        'p2',
        '<ul><li>Primary category that matches what people search for</li><li>Services and products listed with prices</li><li>Photos added every month</li><li>Every review answered within two days</li></ul>',
      ),
      { id: 'h2', type: 'heading', level: 2, text: 'Your website' },
      rich(
        'p3',
        '<p>One page per service and per location, a phone number that can be tapped, and pages that load in under two seconds on a phone.</p>',
      ),
    ],
  },
  {
    slug: 'google-ads-budget-small-business',
    title: 'How much should a small business spend on Google Ads?',
    excerpt: 'Start from what a customer is worth, not from what the competition bids.',
    category: 'paid-media',
    tags: ['google-ads', 'budget', 'ppc'],
    daysAgo: 23,
    blocks: [
      rich(
        'p1',
        '<p>The right budget is the one that buys enough clicks to learn within a month. Work backwards: the value of a new customer, your close rate, and the cost per click in your area.</p>',
      ),
      {
        id: 'q',
        type: 'quote',
        text: 'If a customer is worth $900 and one in five leads buys, you can pay up to $180 for a lead and still double your money.',
      },
      rich(
        'p2',
        '<p>For most of our local clients that means $1,500 to $3,000 a month to start, concentrated on the handful of searches that signal intent to buy.</p>',
      ),
    ],
  },
  {
    slug: 'marketing-plan-90-days',
    title: 'A 90-day marketing plan you can actually follow',
    excerpt: 'One channel, one offer, one number to watch: a plan small teams keep.',
    category: 'strategy',
    tags: ['strategy', 'planning'],
    daysAgo: 6,
    blocks: [
      rich(
        'p1',
        '<p>Plans fail when they try to do everything. Ours fit on one page: the customer we want, the offer, the channel, and the weekly number that tells us whether it works.</p>',
      ),
      { id: 'h1', type: 'heading', level: 2, text: 'Month one: measure' },
      rich('p2', '<p>Fix tracking, set up the CRM form, and record where every lead comes from.</p>'),
      { id: 'h2', type: 'heading', level: 2, text: 'Months two and three: double down' },
      rich(
        'p3',
        '<p>Move budget to the channel with the lowest cost per booked customer and cut the rest.</p>',
      ),
      {
        id: 'cta',
        type: 'cta',
        heading: 'Want us to write yours?',
        buttonLabel: 'Get a free audit',
        buttonUrl: '/contact',
        style: 'primary',
      },
    ],
  },
];

/** Used only when the CRM seed has not made Bizoholic's "Contact us" form (the same fields as the CRM's). */
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
