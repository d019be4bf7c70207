/**
 * What an uplink batch means against what the centre holds for its (hall, generation): accept (with the
 * part to compare and the part to store), a gap (resend from …), a conflict, or a malformed run. Pure.
 *
 * A generation's cursor `ackedSeq` is the highest sequence the centre holds; everything up to it is stored
 * (facts that do not leave the hall are simply absent). `startSeq` is where this generation's own history
 * begins: events ≤ startSeq belong to its parent and are neither compared nor stored again.
 */
export interface GenerationCursor {
  readonly id: string;
  readonly parent?: string;
  readonly forkSeq: number;
  readonly startSeq: number;
  readonly ackedSeq: number;
}

export interface BatchRun {
  readonly generation: { readonly id: string; readonly parent?: string; readonly forkSeq: number };
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly events: readonly { readonly seq: number }[];
}

export type Refusal = { readonly ok: false; readonly code: 'invalid-request' | 'uplink-gap' | 'uplink-generation-conflict'; readonly message: string; readonly resendFrom?: number };

export interface BatchPlan {
  readonly ok: true;
  /** The generation as it will be after this batch (new ones get their startSeq here). */
  readonly cursor: GenerationCursor;
  readonly isNewGeneration: boolean;
  /** Inclusive range of sequences already held that this batch repeats: compared fact by fact with what is held. */
  readonly compare?: { readonly from: number; readonly to: number };
  /** Sequences above what is held: store these. */
  readonly storeFrom: number;
  readonly ackedSeq: number;
}

/** The run must be well formed before it is compared with anything: sequences inside it, ascending, once. */
export function checkRun(batch: BatchRun): Refusal | undefined {
  const bad = (message: string): Refusal => ({ ok: false, code: 'invalid-request', message });
  if (batch.toSeq < batch.fromSeq - 1) return bad(`The batch runs from ${batch.fromSeq} to ${batch.toSeq}: toSeq must be at least fromSeq − 1 (an empty run).`);
  if (batch.generation.parent === batch.generation.id) return bad('The generation names itself as its parent.');
  let previous = batch.fromSeq - 1;
  for (const event of batch.events) {
    if (event.seq <= previous) return bad(`Event seq ${event.seq} is out of order or repeated (after ${previous}): events must ascend strictly.`);
    if (event.seq > batch.toSeq) return bad(`Event seq ${event.seq} lies outside the run ${batch.fromSeq}–${batch.toSeq}.`);
    previous = event.seq;
  }
  return undefined;
}

/**
 * Where a new generation's history starts: at its fork, unless the centre holds less of the parent than
 * that — then the hall still has those events (they are in its restored database) and resends them under
 * the new generation, so nothing between the parent's last ack and the fork is lost.
 */
export function startOf(generation: BatchRun['generation'], parent: GenerationCursor | undefined): number {
  if (parent === undefined) return generation.forkSeq;
  return Math.min(generation.forkSeq, parent.ackedSeq);
}

/** The cursor of a generation the centre has not seen yet: nothing of its own held, starting at its fork. */
export function newCursor(generation: BatchRun['generation'], parent: GenerationCursor | undefined): GenerationCursor {
  const start = startOf(generation, parent);
  return { id: generation.id, parent: generation.parent, forkSeq: generation.forkSeq, startSeq: start, ackedSeq: start };
}

/** `cursor` is what is held for the batch's generation (from newCursor when the generation is new). */
export function planBatch(batch: BatchRun, cursor: GenerationCursor, isNewGeneration: boolean): BatchPlan | Refusal {
  const malformed = checkRun(batch);
  if (malformed) return malformed;
  if (batch.fromSeq > cursor.ackedSeq + 1) {
    return {
      ok: false,
      code: 'uplink-gap',
      resendFrom: cursor.ackedSeq + 1,
      message: `The centre holds generation ${cursor.id} up to ${cursor.ackedSeq}; this batch starts at ${batch.fromSeq}. Resend from ${cursor.ackedSeq + 1}.`,
    };
  }
  const compareFrom = Math.max(batch.fromSeq, cursor.startSeq + 1);
  const compareTo = Math.min(batch.toSeq, cursor.ackedSeq);
  const ackedSeq = Math.max(cursor.ackedSeq, batch.toSeq);
  return {
    ok: true,
    cursor: { ...cursor, ackedSeq },
    isNewGeneration,
    compare: compareFrom <= compareTo ? { from: compareFrom, to: compareTo } : undefined,
    storeFrom: Math.max(cursor.ackedSeq, cursor.startSeq) + 1,
    ackedSeq,
  };
}

/** Different content at `seq` of the same generation: another history under its id. */
export function conflictAt(generation: string, seq: number): Refusal {
  return {
    ok: false,
    code: 'uplink-generation-conflict',
    message: `Sequence ${seq} of generation ${generation} differs from what the centre already holds: this database looks copied or rewound. Start a new generation (with this one as parent) and ship from there.`,
  };
}
