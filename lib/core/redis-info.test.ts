import { describe, expect, it } from 'vitest';
import { fromInfo, parseInfo } from './redis-info';

const SAMPLE = '# Server\r\nredis_version:7.2.4\r\nredis_mode:standalone\r\nuptime_in_seconds:3600\r\n\r\n# Memory\r\nused_memory:1048576\r\nused_memory_peak:2097152\r\nmaxmemory:0\r\nmaxmemory_policy:noeviction\r\n# Stats\r\nkeyspace_hits:10\r\nkeyspace_misses:4\r\nexpired_keys:3\r\nevicted_keys:0\r\ninstantaneous_ops_per_sec:12\r\n# Clients\r\nconnected_clients:5\r\n';

describe('INFO parsing', () => {
  it('turns the sections into named figures', () => {
    expect(fromInfo(parseInfo(SAMPLE))).toEqual({
      version: '7.2.4',
      mode: 'standalone',
      uptimeSeconds: 3600,
      usedMemoryBytes: 1_048_576,
      peakMemoryBytes: 2_097_152,
      maxMemoryBytes: 0,
      evictionPolicy: 'noeviction',
      connectedClients: 5,
      opsPerSecond: 12,
      keyspaceHits: 10,
      keyspaceMisses: 4,
      expiredKeys: 3,
      evictedKeys: 0,
    });
  });

  it('leaves what the server did not say as null', () => {
    expect(fromInfo(parseInfo('# Server\nredis_version:6.0.0\n'))).toMatchObject({ version: '6.0.0', keyspaceHits: null, usedMemoryBytes: null });
  });
});
