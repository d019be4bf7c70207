/**
 * Facts that arrive while a list is being read: the list's reply replaces what the stream had applied, so the
 * caller applies them again on top of it (each sets one item by id: applying twice is harmless).
 *
 * One buffer per load. A reconnect's snapshot starts a new load while the last one may still be waiting; with one
 * shared buffer the first load to answer emptied it for the other, whose replay then failed ("not iterable").
 */
export class FactsDuringLoad<F> {
  private readonly buffers = new Set<F[]>();

  /** Every fact the stream delivers, so each load in flight keeps it. */
  note(fact: F): void {
    for (const buffer of this.buffers) buffer.push(fact);
  }

  /** Runs `load`; answers its value and the facts that arrived meanwhile, in order of arrival. */
  async during<T>(load: () => Promise<T>): Promise<{ value: T; facts: readonly F[] }> {
    const facts: F[] = [];
    this.buffers.add(facts);
    try {
      return { value: await load(), facts };
    } finally {
      this.buffers.delete(facts);
    }
  }
}
