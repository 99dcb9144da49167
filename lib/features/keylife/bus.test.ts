import { describe, expect, it } from 'vitest';
import { KeyEventBus, type StreamEntry } from './bus';
import type { KeyEvent } from './types';

const event = (key: string): KeyEvent => ({ type: 'stored', key, at: new Date().toISOString(), origin: 'app' });
const keys = (entries: StreamEntry[]) => entries.flatMap((entry) => (entry.kind === 'key' ? [entry.data.key] : []));

describe('the in-process event bus', () => {
  it('fans every event out to every listener, once', () => {
    const bus = new KeyEventBus(10);
    const heard: string[][] = [[], [], []];
    const stops = heard.map((list) => bus.listen((entry) => entry.kind === 'key' && list.push(entry.data.key)));
    bus.publish(event('a'));
    stops[1]!();
    bus.publish(event('b'));
    expect(heard).toEqual([['a', 'b'], ['a'], ['a', 'b']]);
    expect(bus.clients).toBe(2);
  });

  it('replays what a client missed after its last id', () => {
    const bus = new KeyEventBus(10);
    bus.publish(event('a'));
    const seen = bus.lastId;
    bus.publish(event('b'));
    bus.publish(event('c'));
    expect(keys(bus.since(seen))).toEqual(['b', 'c']);
    expect(bus.since(bus.lastId)).toEqual([]);
  });

  it('reports a gap when the id is older than the buffer, then replays what it still holds', () => {
    const bus = new KeyEventBus(3);
    const before = bus.lastId;
    for (const key of ['a', 'b', 'c', 'd', 'e']) bus.publish(event(key));
    const replay = bus.since(before);
    expect(replay[0]).toMatchObject({ kind: 'gap', data: { reason: 'buffer' } });
    expect(keys(replay)).toEqual(['c', 'd', 'e']);
  });

  it('reports a restart for an id of another run, or one it never gave', () => {
    const bus = new KeyEventBus(3);
    bus.publish(event('a'));
    for (const id of ['0000.1', 'nonsense', `${bus.lastId.split('.')[0]}.99`]) {
      expect(bus.since(id)).toEqual([expect.objectContaining({ kind: 'gap', data: expect.objectContaining({ reason: 'restart' }) })]);
    }
  });

  it('keeps a subscriber gap in the buffer, so a resuming client hears of it too', () => {
    const bus = new KeyEventBus(10);
    const before = bus.lastId;
    bus.publish(event('a'));
    bus.gap('subscriber', 'dropped');
    expect(bus.since(before).map((entry) => entry.kind)).toEqual(['key', 'gap']);
  });
});
