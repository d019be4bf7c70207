/**
 * The city console's use cases: the grid of halls, one hall's live view, the supervision list and writing a
 * supervision note. Each asks the domain who may see what; figures come from the read models.
 */
import type { HallGlance, HallLiveView, HallsGlanceReply, SupervisionItem, SupervisionNoteView, SupervisionReply } from '../../protocol/centre';
import { canSeeHall, mayOpenHall, mayWriteNotes, type Viewer } from '../domain/access';
import { glanceOf, groupByLevel, hallNowOf, supervisionOrder } from '../domain/glance';
import { objectOf } from '../domain/payloads';
import { parseLive, summarize, type LiveSummary } from '../domain/live-state';
import type { ConsoleRepo, HallRow } from '../storage/console-repo';
import { CentreError, type Clock } from './errors';
import { WINDOW_STATES, type WindowState } from '../../protocol/model';

export interface ConsoleDeps {
  readonly repo: ConsoleRepo;
  readonly clock: Clock;
  readonly offlineAfterMs: number;
  readonly newId: () => string;
}

/** A stored summary read back; one from an older shape shows as empty rather than failing the grid. */
function summaryOf(value: unknown): LiveSummary | undefined {
  const o = objectOf(value);
  if (!o || !objectOf(o.services) || !objectOf(o.windows) || !objectOf(o.today)) return undefined;
  return o as unknown as LiveSummary;
}

export function glanceOfRow(row: HallRow, now: number, offlineAfterMs: number): HallGlance {
  return glanceOf(row.hall, summaryOf(row.live), row.link, now, offlineAfterMs);
}

export async function hallsAtAGlance(deps: ConsoleDeps, viewer: Viewer): Promise<HallsGlanceReply> {
  const now = deps.clock.now();
  const rows = await deps.repo.grid(viewer.role === 'hall-viewer' ? [viewer.hallCode ?? ''] : undefined);
  return { now, levels: groupByLevel(rows.map((row) => glanceOfRow(row, now, deps.offlineAfterMs))) };
}

/** One hall's glance, for the live stream (undefined when it is no longer in the registry). */
export async function glanceOfHall(deps: ConsoleDeps, hallCode: string): Promise<HallGlance | undefined> {
  const row = await deps.repo.hall(hallCode, 'summary');
  return row ? glanceOfRow(row, deps.clock.now(), deps.offlineAfterMs) : undefined;
}

const notFound = (hallCode: string): CentreError => new CentreError('not-found', `There is no hall ${hallCode} in the centre's registry.`);

export async function hallLiveView(deps: ConsoleDeps, viewer: Viewer, hallCode: string): Promise<HallLiveView> {
  const access = mayOpenHall(viewer, hallCode);
  if (!access.ok) throw new CentreError(access.code, access.message);
  const row = await deps.repo.hall(hallCode, 'state');
  if (!row) throw notFound(hallCode);
  const now = deps.clock.now();
  const state = parseLive(row.live);
  const summary = summarize(state);
  const hallNow = hallNowOf(now, row.link);
  const profileWindows = new Map(row.hall.windows.map((w) => [w.id, w]));
  const windowIds = [...new Set([...row.hall.windows.map((w) => w.id), ...Object.keys(state.windows)])];
  return {
    now,
    hall: glanceOf(row.hall, summary, row.link, now, deps.offlineAfterMs),
    timeZone: row.hall.timeZone,
    services: row.hall.services.map((s) => {
      const live = summary.services[s.id];
      return {
        id: s.id, name: s.name, itemCode: s.itemCode, category: s.category, waiting: live?.waiting ?? 0, limitMinutes: s.waitLimitMinutes,
        longestWaitMinutes: live ? Math.max(0, Math.floor((hallNow - live.oldestIssuedAt) / 60_000)) : undefined,
      };
    }),
    windows: windowIds
      .map((id) => {
        const live = state.windows[id];
        const profile = profileWindows.get(id);
        return {
          id,
          number: live?.number ?? profile?.number ?? 0,
          name: live?.name ?? profile?.name ?? `${live?.number ?? profile?.number ?? id}`,
          state: windowStateOf(live?.state),
          since: live?.since,
          pauseReason: live?.pauseReason,
          current: live?.current,
        };
      })
      .sort((a, b) => a.number - b.number),
    alerts: Object.values(state.alerts).sort((a, b) => a.raisedAt - b.raisedAt),
    devices: Object.values(state.devices).sort((a, b) => (a.id < b.id ? -1 : 1)),
    today: {
      issued: state.today.issued,
      served: state.today.served,
      noShows: state.today.noShows,
      satisfaction: { ratings: state.today.ratings, satisfied: state.today.satisfied, rate: state.today.ratings > 0 ? state.today.satisfied / state.today.ratings : undefined },
    },
  };
}

/** A window state the console knows; anything else a hall might send shows as closed. */
function windowStateOf(state: string | undefined): WindowState {
  return (WINDOW_STATES as readonly string[]).includes(state ?? '') ? (state as WindowState) : 'closed';
}

export async function supervisionList(deps: ConsoleDeps, viewer: Viewer): Promise<SupervisionReply> {
  const now = deps.clock.now();
  const rows = await deps.repo.openFollowups(viewer.role === 'hall-viewer' ? [viewer.hallCode ?? ''] : undefined);
  const items: SupervisionItem[] = rows
    .filter((r) => canSeeHall(viewer, r.hallCode))
    .map((r) => ({
      hallCode: r.hallCode, hallName: r.hallName, followupId: r.followupId, ticketNumber: r.number, serviceId: r.serviceId, serviceName: r.serviceName,
      windowId: r.windowId, assignee: r.assignee, score: r.score, tags: r.tags, comment: r.comment, ratedAt: r.ratedAt, dueAt: r.dueAt,
      isOverdue: now > r.dueAt, notes: r.notes,
    }));
  return { now, items: items.sort(supervisionOrder) };
}

export async function addSupervisionNote(deps: ConsoleDeps, viewer: Viewer, hallCode: string, followupId: string, text: string): Promise<SupervisionNoteView> {
  const access = mayWriteNotes(viewer, hallCode);
  if (!access.ok) throw new CentreError(access.code, access.message);
  if (!(await deps.repo.followupExists(hallCode, followupId))) {
    throw new CentreError('not-found', `Hall ${hallCode} has not reported a follow-up ${followupId}. Check the list: it shows what the halls have sent.`);
  }
  const note = { id: deps.newId(), hallCode, followupId, text: text.trim(), by: viewer.name, byUsername: viewer.username, at: deps.clock.now() };
  if (note.text.length === 0) throw new CentreError('invalid-request', 'The note is empty: write what the hall should do.');
  await deps.repo.insertNote(note);
  return note;
}
