/**
 * The hall side of the city uplink in the hall database: generations (a database's history; a restore
 * starts a new one), the centre's acknowledged mark per generation, the link's last state, the centre's
 * supervision notes, and the outbox read (the event log itself: the change and its outgoing record commit
 * together, the shipper reads them later).
 */
import type { Generation, SupervisionNote, UplinkState } from '../protocol/uplink';
import type { LoggedFact } from '../domain/uplink-projection';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { openDatabase, schemaVersion, type Db } from './db';

/** A generation with its position in the chain (oldest first). */
export interface StoredGeneration extends Generation {
  readonly ord: number;
  readonly createdAt: number;
  /** 'first-open' | 'restore' | 'conflict' | 'rewind': why the generation began (docs/uplink.md). */
  readonly reason: string;
}

export interface UplinkMark {
  readonly ackedSeq: number;
  /** An older generation that has nothing more to send (completed up to its successor's fork, or given up). */
  readonly isDone: boolean;
}

export interface LinkRecord {
  readonly state: UplinkState;
  readonly lastContactAt?: number;
  readonly lastAckAt?: number;
  readonly nextAttemptAt?: number;
  readonly lastErrorCode?: string;
  readonly lastError?: string;
  readonly lastErrorAt?: number;
}

export interface StoredNote extends SupervisionNote {
  readonly receivedAt: number;
  /** The 差评's ticket number, when the follow-up is known in this hall. */
  readonly number?: string;
}

interface GenerationRow {
  ord: number;
  id: string;
  parent: string | null;
  fork_seq: number;
  created_at: number;
  reason: string;
}

interface LinkRow {
  state: string;
  last_contact_at: number | null;
  last_ack_at: number | null;
  next_attempt_at: number | null;
  last_error_code: string | null;
  last_error: string | null;
  last_error_at: number | null;
}

const u = <T>(value: T | null): T | undefined => value ?? undefined;

function toGeneration(r: GenerationRow): StoredGeneration {
  return { ord: r.ord, id: r.id, ...(r.parent ? { parent: r.parent } : {}), forkSeq: r.fork_seq, createdAt: r.created_at, reason: r.reason };
}

export class UplinkRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      generations: db.prepare<[], GenerationRow>('SELECT * FROM uplink_generations ORDER BY ord'),
      current: db.prepare<[], GenerationRow>('SELECT * FROM uplink_generations ORDER BY ord DESC LIMIT 1'),
      insertGeneration: db.prepare('INSERT INTO uplink_generations (id, parent, fork_seq, created_at, reason) VALUES (?, ?, ?, ?, ?)'),
      mark: db.prepare<[string], { acked_seq: number; is_done: number }>('SELECT acked_seq, is_done FROM uplink_marks WHERE generation = ?'),
      saveMark: db.prepare(
        `INSERT INTO uplink_marks (generation, acked_seq, is_done, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(generation) DO UPDATE SET acked_seq = excluded.acked_seq, is_done = excluded.is_done, updated_at = excluded.updated_at`,
      ),
      link: db.prepare<[], LinkRow>('SELECT * FROM uplink_link WHERE id = 1'),
      saveLink: db.prepare(
        `INSERT INTO uplink_link (id, state, last_contact_at, last_ack_at, next_attempt_at, last_error_code, last_error, last_error_at, updated_at)
         VALUES (1, @state, @last_contact_at, @last_ack_at, @next_attempt_at, @last_error_code, @last_error, @last_error_at, @updated_at)
         ON CONFLICT(id) DO UPDATE SET state = excluded.state, last_contact_at = excluded.last_contact_at, last_ack_at = excluded.last_ack_at,
           next_attempt_at = excluded.next_attempt_at, last_error_code = excluded.last_error_code, last_error = excluded.last_error,
           last_error_at = excluded.last_error_at, updated_at = excluded.updated_at`,
      ),
      // The actor column stays behind: it names staff accounts, and the projection needs only the fact.
      eventsBetween: db.prepare<[number, number, number], { seq: number; at: number; type: string; data: string }>(
        'SELECT seq, at, type, data FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
      ),
      lastSeq: db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events'),
      staffNames: db.prepare<[], { name: string }>('SELECT name FROM staff'),
      insertNote: db.prepare('INSERT OR IGNORE INTO supervision_notes (id, followup_id, text, by_user, at, received_at) VALUES (?, ?, ?, ?, ?, ?)'),
      recentNotes: db.prepare<[number], { id: string; followup_id: string; text: string; by_user: string; at: number; received_at: number; number: string | null }>(
        `SELECT n.*, t.number AS number FROM supervision_notes n
           LEFT JOIN followups f ON f.id = n.followup_id
           LEFT JOIN ratings r ON r.id = f.rating_id
           LEFT JOIN tickets t ON t.id = r.ticket_id
         ORDER BY n.received_at DESC, n.at DESC LIMIT ?`,
      ),
    };
  }

  /** Oldest first; never empty (migration 6 creates the first on the database's first open). */
  generations(): StoredGeneration[] {
    return this.statements.generations.all().map(toGeneration);
  }

  currentGeneration(): StoredGeneration {
    const row = this.statements.current.get();
    if (!row) throw new Error('the hall database has no uplink generation (migration 6 creates one)');
    return toGeneration(row);
  }

  /** Starts a new history after `forkSeq` (a restore, a conflict the centre reported, a rewind it showed). */
  startGeneration(id: string, parent: string, forkSeq: number, now: number, reason: string): StoredGeneration {
    this.statements.insertGeneration.run(id, parent, forkSeq, now, reason);
    return this.currentGeneration();
  }

  mark(generation: string): UplinkMark | undefined {
    const row = this.statements.mark.get(generation);
    return row ? { ackedSeq: row.acked_seq, isDone: row.is_done === 1 } : undefined;
  }

  saveMark(generation: string, mark: UplinkMark, now: number): void {
    this.relaxed(() => this.statements.saveMark.run(generation, mark.ackedSeq, mark.isDone ? 1 : 0, now));
  }

  link(): LinkRecord | undefined {
    const r = this.statements.link.get();
    if (!r) return undefined;
    return {
      state: r.state as UplinkState,
      lastContactAt: u(r.last_contact_at),
      lastAckAt: u(r.last_ack_at),
      nextAttemptAt: u(r.next_attempt_at),
      lastErrorCode: u(r.last_error_code),
      lastError: u(r.last_error),
      lastErrorAt: u(r.last_error_at),
    };
  }

  saveLink(link: LinkRecord, now: number): void {
    this.relaxed(() =>
      this.statements.saveLink.run({
        state: link.state,
        last_contact_at: link.lastContactAt ?? null,
        last_ack_at: link.lastAckAt ?? null,
        next_attempt_at: link.nextAttemptAt ?? null,
        last_error_code: link.lastErrorCode ?? null,
        last_error: link.lastError ?? null,
        last_error_at: link.lastErrorAt ?? null,
        updated_at: now,
      }),
    );
  }

  /** Log rows in (after, upTo], oldest first, at most `limit`: the outbox, read in small batches. */
  factsBetween(after: number, upTo: number, limit: number): LoggedFact[] {
    return this.statements.eventsBetween.all(after, upTo, limit).map((r) => ({ seq: r.seq, at: r.at, type: r.type, data: JSON.parse(r.data) as unknown }));
  }

  lastSeq(): number {
    return this.statements.lastSeq.get()?.seq ?? 0;
  }

  staffNames(): string[] {
    return this.statements.staffNames.all().map((r) => r.name);
  }

  /** Stores a note once (by its id); true when it is new. Call inside the writer's transaction with its fact. */
  insertNote(note: SupervisionNote, now: number): boolean {
    return this.statements.insertNote.run(note.id, note.followupId, note.text, note.by, note.at, now).changes === 1;
  }

  recentNotes(limit: number): StoredNote[] {
    return this.statements.recentNotes.all(limit).map((r) => ({
      id: r.id,
      followupId: r.followup_id,
      text: r.text,
      by: r.by_user,
      at: r.at,
      receivedAt: r.received_at,
      ...(r.number ? { number: r.number } : {}),
    }));
  }

  /**
   * The link's bookkeeping commits without its own fsync (synchronous=NORMAL for this statement only; the
   * hub's next commit syncs the log with it): a mark lost to a power cut only means a batch is sent again,
   * which the centre takes idempotently, and the writer's fsyncs stay the hall's. Same connection as the
   * writer on purpose: a second connection's writes would restart every online backup in progress.
   */
  private relaxed(work: () => void): void {
    if (this.db.inTransaction) return work();
    const before = this.db.pragma('synchronous', { simple: true }) as number;
    this.db.pragma('synchronous = NORMAL');
    try {
      work();
    } finally {
      this.db.pragma(`synchronous = ${before}`);
    }
  }
}

/**
 * After a backup is put back in place (the hub stopped): a new generation forks from the backup's last
 * fact, so the events the hall writes next are never taken for the ones the old database had already sent
 * under the same numbers. Calling it twice on the same restored file starts one generation, not two.
 */
export function startGenerationAfterRestore(dbFile: string, options: { newId?: string; now?: number } = {}): Generation {
  const { newId = randomUUID(), now = Date.now() } = options;
  const db = openDatabase(dbFile);
  try {
    const repo = new UplinkRepo(db);
    const lastSeq = repo.lastSeq();
    const current = repo.currentGeneration();
    if (current.reason === 'restore' && current.forkSeq === lastSeq && !repo.mark(current.id)) return current;
    return repo.startGeneration(newId, current.id, lastSeq, now, 'restore');
  } finally {
    db.close();
  }
}

/**
 * The uplink's records of a hall database, opened read-only (safe beside the running hub): for
 * `hallq uplink status`. Undefined when the database predates the uplink (migration 6).
 */
export function openUplinkReader(dbFile: string): { repo: UplinkRepo; close(): void } | undefined {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  if (schemaVersion(db) < 6) {
    db.close();
    return undefined;
  }
  return { repo: new UplinkRepo(db), close: () => db.close() };
}
