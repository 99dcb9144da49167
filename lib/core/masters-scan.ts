import 'server-only';
import type Redis from 'ioredis';
import { masterNodes, type RedisClient } from './redis';
import { scanPage, type ScanLimits } from './scan';

export interface MastersPage {
  /** Each key with the master it was found on (`host:port`; null on a single server). */
  keys: { key: string; node: string | null }[];
  cursor: string;
  calls: number;
}

const address = (node: Redis) => `${node.options.host ?? '?'}:${node.options.port ?? '?'}`;

/**
 * One bounded page of a walk over every master (a cluster's keys are split between them). The
 * cursor is `<master index>:<SCAN cursor>`, masters in address order; "0" when every master has
 * been walked. On a single server it is that server's plain SCAN cursor. The bounds are those of
 * one page as on a single server: the page size and the SCAN calls across all masters.
 */
export async function scanMasters(client: RedisClient, pattern: string, cursor: string, limits: ScanLimits, keep: (key: string) => boolean): Promise<MastersPage> {
  const nodes = masterNodes(client).sort((a, b) => address(a).localeCompare(address(b)));
  if (nodes[0] === client) {
    const page = await scanPage(nodes[0], pattern, cursor.replace(/^\d+:/, ''), limits, keep);
    return { keys: page.keys.map((key) => ({ key, node: null })), cursor: page.cursor, calls: page.calls };
  }
  let [index, at] = parseCursor(cursor);
  const keys: MastersPage['keys'] = [];
  let calls = 0;
  while (index < nodes.length && calls < limits.maxCalls && keys.length < limits.pageSize) {
    const node = nodes[index]!;
    const page = await scanPage(node, pattern, at, { ...limits, maxCalls: limits.maxCalls - calls, pageSize: limits.pageSize - keys.length }, keep);
    calls += page.calls;
    for (const key of page.keys) keys.push({ key, node: address(node) });
    if (page.cursor === '0') [index, at] = [index + 1, '0'];
    else at = page.cursor;
  }
  return { keys, cursor: index >= nodes.length ? '0' : `${index}:${at}`, calls };
}

function parseCursor(cursor: string): [number, string] {
  const match = /^(\d+):(\d+)$/.exec(cursor);
  return match ? [Number(match[1]), match[2]!] : [0, cursor];
}
