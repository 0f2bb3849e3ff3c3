import type { Limit } from '../../platform/rate-limit.js';

/** Abuse limits on the endpoints that take secrets or send mail (per IP and per account). */
export const limits = {
  signinIp: { name: 'signin:ip', max: 30, windowSeconds: 300 },
  signinAccount: { name: 'signin:account', max: 5, windowSeconds: 900 },
  signupIp: { name: 'signup:ip', max: 10, windowSeconds: 3600 },
  tokenIp: { name: 'token:ip', max: 60, windowSeconds: 60 },
  resetIp: { name: 'reset:ip', max: 10, windowSeconds: 3600 },
  resetAccount: { name: 'reset:account', max: 3, windowSeconds: 3600 },
  verifyIp: { name: 'verify:ip', max: 20, windowSeconds: 3600 },
} satisfies Record<string, Limit>;
