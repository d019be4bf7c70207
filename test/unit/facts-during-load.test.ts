/**
 * The console applies the facts that arrive while its lists load again on top of the lists' replies. With one
 * buffer shared by every load, a reconnect's snapshot that started a second load before the first answered left
 * the second with nothing ("facts is not iterable", a 操作失败 notice) and lost its facts.
 */
import { describe, expect, it } from 'vitest';
import { FactsDuringLoad } from '../../manager-ui/facts-during-load';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('facts during a list load', () => {
  it('gives each of two overlapping loads every fact that arrived while it was in flight', async () => {
    const buffer = new FactsDuringLoad<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    const one = buffer.during(() => first.promise);
    buffer.note('a');
    const two = buffer.during(() => second.promise);
    buffer.note('b');
    first.resolve('alerts 1');
    expect(await one).toEqual({ value: 'alerts 1', facts: ['a', 'b'] });
    buffer.note('c');
    second.resolve('alerts 2');
    expect(await two).toEqual({ value: 'alerts 2', facts: ['b', 'c'] });
  });

  it('keeps no fact once no load is in flight, also after a load that failed', async () => {
    const buffer = new FactsDuringLoad<string>();
    await expect(buffer.during(() => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    buffer.note('late');
    expect(await buffer.during(async () => 1)).toEqual({ value: 1, facts: [] });
  });
});
