import 'server-only';
import { createHash } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import type { CommandArgs, IORedisRequestHookInformation } from '@opentelemetry/instrumentation-ioredis';
import { CACHE_SCRIPTS } from '../cache/scripts';

/** What each engine script does inside Redis: a trace shows `EVALSHA cachelabStore`, and this says it is the SET. */
const DOES: Record<keyof typeof CACHE_SCRIPTS, string> = {
  cachelabLookup: 'GET entry, PTTL entry; on a miss under a lock strategy SET lock NX PX',
  cachelabAwait: 'GET entry, PTTL entry; SET lock NX PX when its holder let go',
  cachelabStore: 'SET entry value PX|PXAT ttl; DEL lock if ours; PTTL entry',
  cachelabRelease: 'GET lock; DEL lock if ours',
  cachelabApplyBatch: 'HSETNX batch id; HINCRBY, HINCRBYFLOAT, EXPIRE, XADD (one metrics batch)',
};

const bySha = new Map(
  Object.entries(CACHE_SCRIPTS).map(([name, lua]) => [createHash('sha1').update(lua).digest('hex'), name as keyof typeof CACHE_SCRIPTS]),
);

/**
 * The ioredis instrumentation names a span after its command: every engine write would read
 * `evalsha`. Named after the script instead (`EVALSHA cachelabStore`), with what it runs in
 * Redis, a miss's trace says where the value was SET. Plain commands (the hit's GET) keep
 * the instrumentation's own name and attributes.
 */
export function nameScriptSpan(span: Span, { cmdName, cmdArgs }: IORedisRequestHookInformation): void {
  const command = cmdName.toLowerCase();
  if (command !== 'evalsha' && command !== 'eval') return;
  const first = cmdArgs[0];
  const sha = command === 'eval' ? createHash('sha1').update(String(first)).digest('hex') : String(first);
  const script = bySha.get(sha);
  if (script === undefined) return;
  const summary = `${command.toUpperCase()} ${script}`;
  span.updateName(summary);
  span.setAttributes({ 'db.query.summary': summary, 'db.stored_procedure.name': script, 'cachelab.script.runs': DOES[script] });
}

/**
 * `db.query.text` without values: the command and the keys it names, the rest counted. The
 * instrumentation's default writes every argument of an EVALSHA, and the store script's
 * arguments are the cached value itself (a whole leaderboard, a user's sentence).
 */
export function queryText(cmdName: string, cmdArgs: CommandArgs): string {
  const command = cmdName.toLowerCase();
  const keyCount = command === 'evalsha' || command === 'eval' ? 2 + Number(cmdArgs[1] ?? 0) : 1;
  const shown = cmdArgs.slice(0, keyCount).map(String);
  const rest = cmdArgs.length - shown.length;
  return [cmdName, ...shown, ...(rest > 0 ? [`[${rest} other arguments]`] : [])].join(' ');
}
