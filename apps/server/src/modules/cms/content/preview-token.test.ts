import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { signPreviewToken, verifyPreviewToken } from './preview-token.js';

const config = loadConfig({ JWT_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp/bizosaas-preview-test' });
const other = loadConfig({ JWT_SECRET: 'y'.repeat(40), DATA_DIR: '/tmp/bizosaas-preview-test' });
const claims = {
  tenantId: '0190c3d2-0000-7000-8000-000000000001',
  pageId: '0190c3d2-0000-7000-8000-000000000002',
  expiresAt: new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000),
};

describe('preview tokens', () => {
  it('verifies its own tokens and returns the claims', () => {
    expect(verifyPreviewToken(config, signPreviewToken(config, claims))).toEqual(claims);
  });

  it('refuses expired, altered, foreign-key and malformed tokens', () => {
    const token = signPreviewToken(config, claims);
    expect(verifyPreviewToken(config, token, new Date(claims.expiresAt.getTime() + 1))).toBeNull();
    expect(verifyPreviewToken(other, token)).toBeNull();
    const [body, sig] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ t: claims.tenantId, p: claims.tenantId, e: 9e9 })).toString(
      'base64url',
    );
    expect(verifyPreviewToken(config, `${forged}.${sig}`)).toBeNull();
    // A different first character (the last one carries two padding bits, so 'A' for 'B' there
    // can decode to the same bytes: the test failed by chance once in sixteen).
    const altered = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect(verifyPreviewToken(config, `${body}.${altered}`)).toBeNull();
    for (const bad of ['', 'x', 'a.b', `${token}.x`, `${body}.`])
      expect(verifyPreviewToken(config, bad)).toBeNull();
  });
});
