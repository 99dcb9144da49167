import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { isKnownHost, requireKnownHost } from './hosts';

describe('isKnownHost', () => {
  it.each(['localhost', 'localhost:3000', 'LOCALHOST:80', '127.0.0.1', '127.0.0.1:3000', '192.168.1.20:3000', '[::1]:3000', '[fe80::1]'])(
    'accepts %s by default (IP literals and localhost)',
    (host) => expect(isKnownHost(host, [])).toBe(true),
  );

  it.each(['evil.example', 'evil.example:3000', 'localhost.evil.example', '127.0.0.1.nip.io', '', 'local host', 'a@b', '[not-ip]'])(
    'refuses %j unless listed',
    (host) => expect(isKnownHost(host, [])).toBe(false),
  );

  it('accepts the names listed in ALLOWED_HOSTS, on any port, with or without a trailing dot', () => {
    expect(isKnownHost('cachelab.example.org:8443', ['cachelab.example.org'])).toBe(true);
    expect(isKnownHost('CacheLab.Example.org.', ['cachelab.example.org'])).toBe(true);
    expect(isKnownHost('other.example.org', ['cachelab.example.org'])).toBe(false);
  });
});

describe('requireKnownHost', () => {
  const request = (headers: Record<string, string>) => new NextRequest('http://localhost/api/health', { headers });

  it('checks a proxy’s X-Forwarded-Host as well as Host', () => {
    expect(() => requireKnownHost(request({ host: 'localhost:3000', 'x-forwarded-host': 'evil.example' }), [])).toThrow(/evil\.example/);
    expect(() => requireKnownHost(request({ host: 'localhost:3000', 'x-forwarded-host': 'teacher.local' }), ['teacher.local'])).not.toThrow();
  });

  it('refuses with a 421 in the standard error shape', () => {
    expect(() => requireKnownHost(request({ host: 'evil.example' }), [])).toThrow(expect.objectContaining({ status: 421, code: 'unknown_host' }));
  });
});
