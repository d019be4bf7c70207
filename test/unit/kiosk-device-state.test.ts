/**
 * What the kiosk page makes of its own devices' health (GET /api/kiosk/devices). A printer fault used to be
 * invisible until after the ticket: now the start screen says it, and a ticket's own outcome updates it.
 */
import { describe, expect, it } from 'vitest';
import { initialState, printerProblemOf, reduce } from '../../kiosk-ui/state';
import type { KioskDevicesReport } from '../../server/protocol/kiosk';
import type { IssuedTicket } from '../../server/protocol/http';

const report = (printer: KioskDevicesReport['printer'], idReader: KioskDevicesReport['idReader'] = { status: 'online' }): KioskDevicesReport => ({ printer, idReader });

describe('kiosk device state', () => {
  it('names the printer problem the visitor needs to hear', () => {
    expect(printerProblemOf(report({ status: 'online' }))).toBeUndefined();
    expect(printerProblemOf(report({ status: 'online', code: 'paper-near-end' }))).toBeUndefined();
    expect(printerProblemOf(report({ status: 'error', code: 'paper-out' }))).toBe('paper-out');
    expect(printerProblemOf(report({ status: 'error', code: 'cover-open' }))).toBe('cover-open');
    expect(printerProblemOf(report({ status: 'error', code: 'cutter' }))).toBe('error');
    expect(printerProblemOf(report({ status: 'offline', code: 'not-started' }))).toBe('offline');
    expect(printerProblemOf(report(null))).toBe('no-printer');
  });

  it('says the reader is down when it is missing or not online', () => {
    expect(reduce(initialState, { type: 'devices', report: report({ status: 'online' }) }).isReaderDown).toBe(false);
    expect(reduce(initialState, { type: 'devices', report: report({ status: 'online' }, null) }).isReaderDown).toBe(true);
    expect(reduce(initialState, { type: 'devices', report: report({ status: 'online' }, { status: 'offline', code: 'no-answer' }) }).isReaderDown).toBe(true);
  });

  it('learns from a ticket’s own print outcome before the next poll', () => {
    const issued = (ticket: Partial<IssuedTicket>) => reduce(reduce(initialState, { type: 'issuing' }), { type: 'issued', ticket: { number: 'A001', ...ticket } as IssuedTicket });
    expect(issued({ printed: false, printProblem: 'paper-out' }).printerProblem).toBe('paper-out');
    const recovered = reduce(reduce(initialState, { type: 'devices', report: report({ status: 'error', code: 'paper-out' }) }), { type: 'issued', ticket: { number: 'A002', printed: true } as IssuedTicket });
    expect(recovered.printerProblem).toBeUndefined();
  });
});
