/** The per-person daily limit and the green channel, through the issuing use case on a real SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Hub } from '../../server/app/hub';
import { openDatabase, type Db } from '../../server/storage/db';
import { HubError } from '../../server/app/errors';
import { idCheckCharacter } from '../../drivers/identity';
import { kioskIssueExtras, type IssueContext } from '../../server/app/kiosk-issue-extras';
import { PendingCards } from '../../server/app/kiosk-pending-cards';
import { AppointmentsRepo } from '../../server/storage/appointments-repo';
import { testConfig, TestClock } from '../support/hub';

const id = (first17: string): string => first17 + idCheckCharacter(first17);
const kiosk = { kind: 'kiosk', kioskId: 'kiosk1' } as const;

describe('issuing with a person', () => {
  let dir: string;
  let db: Db;
  let hub: Hub;
  let context: IssueContext;
  let clock: TestClock;
  let n = 0;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hallq-kiosk-unit-'));
    db = openDatabase(join(dir, 'hallq.db'));
    clock = new TestClock();
    hub = new Hub({ db, config: testConfig((f) => void (f.policy = { ...f.policy!, perPersonDailyLimit: 2, greenChannelAge: 70 })), clock, newId: () => `t${++n}`, newTrackToken: () => `track-token-${n}` });
    context = { ports: hub.ports, cards: new PendingCards(() => clock.now()), appointments: new AppointmentsRepo(db) };
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const take = (serviceId: string, idNumber: string) => {
    const body = { serviceId, idNumber };
    return hub.issueTicket(kiosk, body, kioskIssueExtras(context, body));
  };

  it('refuses the ticket after the daily limit for that service, not for others, and again the next day', () => {
    const person = id('32010219860709123');
    take('A', person);
    take('A', person);
    expect(() => take('A', person)).toThrowError(expect.objectContaining({ code: 'person-limit-reached' }) as HubError);
    expect(take('B', person).personMasked).toBe(`3201**********${person.slice(-4)}`);
    expect(take('A', id('32010219860709131')).status).toBe('waiting');
    clock.advance(24 * 3600_000);
    hub.housekeeping();
    expect(take('A', person).status).toBe('waiting');
  });

  it('gives the green channel (elderly) from the 70th birthday in the hall time zone', () => {
    // 2026-11-27 09:00 in Shanghai: born 1956-11-27 is 70 today, born 1956-11-28 is not yet.
    expect(take('A', id('32010219561127123'))).toMatchObject({ priority: 'green', priorityReason: 'elderly' });
    expect(take('A', id('32010219561128123'))).toMatchObject({ priority: 'normal' });
  });
});
