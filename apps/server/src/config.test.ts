import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults and freezes the result', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8001);
    expect(c.PUBLIC_URL).toBe('http://localhost:8001');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.RUN_WORKER).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('parses values: ports, booleans, lists, JSON', () => {
    const c = loadConfig({
      PORT: '9000',
      RUN_WORKER: 'false',
      CORS_ORIGINS: 'https://a.example.com, https://b.example.com',
      OIDC_PROVIDERS:
        '[{"id":"acme","name":"Acme","issuer":"https://id.acme.test","clientId":"c","clientSecret":"s"}]',
    });
    expect(c.PORT).toBe(9000);
    expect(c.RUN_WORKER).toBe(false);
    expect(c.CORS_ORIGINS).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(c.OIDC_PROVIDERS[0]?.id).toBe('acme');
  });

  it('reads TRUST_PROXY as off or proxy addresses', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'uniquelocal' }).TRUST_PROXY).toEqual(['uniquelocal']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
  });

  it('reads DNS_SERVERS as a list of addresses with optional ports (empty: the system resolvers)', () => {
    expect(loadConfig({}).DNS_SERVERS).toEqual([]);
    expect(loadConfig({ DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353,::1,[2001:db8::1]:53' }).DNS_SERVERS).toEqual([
      '1.1.1.1',
      '127.0.0.1:5353',
      '::1',
      '[2001:db8::1]:53',
    ]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ CORS_ORIGINS: 'not a url' }, 'CORS_ORIGINS'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ RUN_WORKER: 'maybe' }, 'RUN_WORKER'],
    [{ TRUST_PROXY: 'everyone' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '1' }, 'TRUST_PROXY'],
    [{ ACCESS_TOKEN_TTL_SECONDS: '3600' }, 'ACCESS_TOKEN_TTL_SECONDS'],
    [{ OIDC_PROVIDERS: '{not json' }, 'OIDC_PROVIDERS'],
    [{ DNS_SERVERS: 'dns.example.com' }, 'DNS_SERVERS'],
    [{ DNS_SERVERS: '1.1.1.1:99999' }, 'DNS_SERVERS'],
    [{ DNS_SERVERS: '1.1.1.1, 300.1.1.1' }, 'DNS_SERVERS'],
  ])('refuses %o and names %s', (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
  });
});
