import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { joinOrigin, lanAddress, qrSvg } from './join-link';

const address = (ip: string, internal: boolean, family: 'IPv4' | 'IPv6' = 'IPv4') => ({ address: ip, internal, family }) as NetworkInterfaceInfo;

describe('join link', () => {
  it('takes the first non-internal IPv4 address', () => {
    expect(lanAddress({ lo: [address('127.0.0.1', true)], eth0: [address('fe80::1', false, 'IPv6'), address('192.168.1.20', false)] })).toBe('192.168.1.20');
    expect(lanAddress({ lo: [address('127.0.0.1', true)] })).toBeNull();
  });

  it('keeps the port the teacher used, and falls back to the request host without a LAN address', () => {
    expect(joinOrigin('localhost:3000', 'http', '192.168.1.20')).toBe('http://192.168.1.20:3000');
    expect(joinOrigin('cachelab.local', 'https', '10.0.0.5')).toBe('https://10.0.0.5');
    expect(joinOrigin('localhost:3000', 'http', null)).toBe('http://localhost:3000');
  });

  it('draws the QR code locally as SVG', async () => {
    const svg = await qrSvg('http://192.168.1.20:3000/classroom/KQTM/join');
    expect(svg).toMatch(/^<svg[^>]+viewBox/);
    expect(svg).toContain('<path');
  });
});
