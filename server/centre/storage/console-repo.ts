/**
 * What the city console reads (the grid, one hall, the open follow-ups with their notes) and the one thing
 * it writes (a supervision note), plus the registry's halls kept in step with the configuration.
 */
import type { Pool } from './pool';
import { MS_TO_TIME } from './pool';
import type { HallRecord, LinkRecord } from '../domain/glance';
import type { HallLevel, UplinkService } from '../../protocol/uplink';
import type { SupervisionNoteView } from '../../protocol/centre';

const T = MS_TO_TIME;

export interface HallRow {
  readonly hall: HallRecord;
  readonly link: LinkRecord;
  /** The live summary (grid) or the whole live state (one hall), as stored; parsed by the domain. */
  readonly live?: unknown;
}

export interface OpenFollowupRow {
  readonly hallCode: string;
  readonly hallName: string;
  readonly followupId: string;
  readonly number: string;
  readonly serviceId: string;
  readonly serviceName?: string;
  readonly windowId: string;
  readonly assignee?: string;
  readonly score: number;
  readonly tags: string[];
  readonly comment?: string;
  readonly ratedAt: number;
  readonly dueAt: number;
  readonly notes: SupervisionNoteView[];
}

interface HallSqlRow {
  code: string;
  name: string;
  level: HallLevel;
  parent: string | null;
  time_zone: string | null;
  services: UplinkService[] | null;
  windows: { id: string; number: number; name?: string }[] | null;
  last_contact_at: number | null;
  backlog: number | null;
  skew_ms: number | null;
  generation: string | null;
  acked_seq: number | null;
  live: unknown;
}

function toHallRow(r: HallSqlRow): HallRow {
  return {
    hall: { code: r.code, name: r.name, level: r.level, parent: r.parent ?? undefined, timeZone: r.time_zone ?? undefined, services: r.services ?? [], windows: r.windows ?? [] },
    link: { lastContactAt: r.last_contact_at ?? undefined, backlog: r.backlog ?? 0, skewMs: r.skew_ms ?? undefined, generation: r.generation ?? undefined, ackedSeq: r.acked_seq ?? 0 },
    live: r.live ?? undefined,
  };
}

const hallSelect = (liveColumn: 'summary' | 'state'): string => `
  SELECT h.code, h.name, h.level, h.parent, h.time_zone, h.profile -> 'services' AS services, h.profile -> 'windows' AS windows,
         l.last_contact_at, l.backlog, l.skew_ms, l.generation, g.acked_seq, lv.${liveColumn} AS live
    FROM halls h
    LEFT JOIN hall_links l ON l.hall_code = h.code
    LEFT JOIN generations g ON g.hall_code = h.code AND g.id = l.generation
    LEFT JOIN hall_live lv ON lv.hall_code = h.code AND lv.generation = l.generation
   WHERE h.is_registered`;

export class ConsoleRepo {
  constructor(private readonly pool: Pool) {}

  /** Makes the halls table match the registry: new halls added, edits applied, removed ones hidden. */
  async syncRegistry(halls: readonly { code: string; name: string; level: HallLevel; parent?: string }[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const json = JSON.stringify(halls.map((h) => ({ code: h.code, name: h.name, level: h.level, parent: h.parent ?? null })));
      await client.query(
        `INSERT INTO halls (code, name, level, parent, is_registered)
         SELECT r.code, r.name, r.level, r.parent, true FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, level text, parent text)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent = EXCLUDED.parent, is_registered = true
         WHERE (halls.name, halls.level, halls.parent, halls.is_registered) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.level, EXCLUDED.parent, true)`,
        [json],
      );
      await client.query(`UPDATE halls SET is_registered = false WHERE is_registered AND NOT (code = ANY($1::text[]))`, [halls.map((h) => h.code)]);
      await client.query(`INSERT INTO hall_links (hall_code) SELECT code FROM halls ON CONFLICT DO NOTHING`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async grid(codes?: readonly string[]): Promise<HallRow[]> {
    const filter = codes ? ' AND h.code = ANY($1::text[])' : '';
    const { rows } = await this.pool.query<HallSqlRow>(`${hallSelect('summary')}${filter}`, codes ? [codes] : []);
    return rows.map(toHallRow);
  }

  async hall(code: string, liveColumn: 'summary' | 'state' = 'state'): Promise<HallRow | undefined> {
    const { rows } = await this.pool.query<HallSqlRow>(`${hallSelect(liveColumn)} AND h.code = $1`, [code]);
    return rows[0] ? toHallRow(rows[0]) : undefined;
  }

  async cursor(hallCode: string, generation: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ acked_seq: number }>('SELECT acked_seq FROM generations WHERE hall_code = $1 AND id = $2', [hallCode, generation]);
    return rows[0]?.acked_seq;
  }

  /** Every open follow-up of the given halls (all when undefined), with their notes, soonest deadline first. */
  async openFollowups(codes?: readonly string[]): Promise<OpenFollowupRow[]> {
    const filter = codes ? ' AND f.hall_code = ANY($1::text[])' : '';
    const { rows } = await this.pool.query<{
      hall_code: string; hall_name: string; followup_id: string; number: string; service_id: string; service_name: string | null; window_id: string;
      assignee: string | null; score: number; tags: string[]; comment: string | null; rated_at: number; due_at: number; notes: SupervisionNoteView[];
    }>(
      `SELECT f.hall_code, h.name AS hall_name, f.followup_id, f.number, f.service_id, f.window_id, f.assignee, f.score, f.tags, f.comment,
              f.rated_at, f.due_at,
              (SELECT s ->> 'name' FROM jsonb_array_elements(coalesce(h.profile -> 'services', '[]'::jsonb)) s WHERE s ->> 'id' = f.service_id LIMIT 1) AS service_name,
              (SELECT coalesce(json_agg(json_build_object('id', n.id, 'hallCode', n.hall_code, 'followupId', n.followup_id, 'text', n.text, 'by', n.by_name,
                        'byUsername', n.by_username, 'at', (extract(epoch FROM n.at) * 1000)::bigint,
                        'deliveredAt', (extract(epoch FROM n.delivered_at) * 1000)::bigint) ORDER BY n.at, n.id), '[]'::json)
                 FROM supervision_notes n WHERE n.hall_code = f.hall_code AND n.followup_id = f.followup_id) AS notes
         FROM followups f JOIN halls h ON h.code = f.hall_code
        WHERE f.status = 'open' AND h.is_registered${filter}
        ORDER BY f.due_at, f.hall_code, f.followup_id`,
      codes ? [codes] : [],
    );
    return rows.map((r) => ({
      hallCode: r.hall_code, hallName: r.hall_name, followupId: r.followup_id, number: r.number, serviceId: r.service_id,
      serviceName: r.service_name ?? undefined, windowId: r.window_id, assignee: r.assignee ?? undefined, score: r.score, tags: r.tags,
      comment: r.comment ?? undefined, ratedAt: r.rated_at, dueAt: r.due_at,
      notes: r.notes.map((n) => ({ ...n, deliveredAt: n.deliveredAt ?? undefined })),
    }));
  }

  async followupExists(hallCode: string, followupId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM followups WHERE hall_code = $1 AND followup_id = $2', [hallCode, followupId]);
    return (rowCount ?? 0) > 0;
  }

  async insertNote(note: Omit<SupervisionNoteView, 'deliveredAt'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO supervision_notes (id, hall_code, followup_id, text, by_name, by_username, at) VALUES ($1, $2, $3, $4, $5, $6, ${T('$7')})`,
      [note.id, note.hallCode, note.followupId, note.text, note.by, note.byUsername, note.at],
    );
  }

  async ping(): Promise<boolean> {
    const { rows } = await this.pool.query<{ ok: number }>('SELECT 1 AS ok');
    return rows[0]?.ok === 1;
  }
}
