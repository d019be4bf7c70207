/**
 * The kiosk's HTTP routes: the page's configuration, the ID card held for it, its own devices, appointments
 * (the kiosk's preview, a manager's booking and file import) and, in the demo hall, laying a demo card on a
 * simulated reader. Registered by server/transport/http/kiosk-routes.ts, called by kiosk-ui/ through ui-client/api.ts.
 */
import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route-map';
import { NoBody } from '../http';
import {
  AppointmentBody, AppointmentParams, AppointmentsCsv, AppointmentsImportReply, AppointmentView, DemoCardBody, DemoCardParams, DemoCardReply,
  HeldCardView, KioskConfig, KioskDevicesReport, KioskMenu,
} from '../kiosk';

export const kioskRoutes = {
  config: defineRoute({
    method: 'GET', path: '/api/kiosk/config', tags: ['kiosk'], access: 'anyone', reply: KioskConfig,
    summary: "The kiosk page's configuration",
    description: "The hall's name, language and time zone, the green-channel age and per-person limit. In the demo hall also the made-up people and today's demo appointments (seeded on the way).",
  }),
  menu: defineRoute({
    method: 'GET', path: '/api/kiosk/menu', tags: ['kiosk'], access: 'kiosk', reply: KioskMenu,
    summary: 'The services this kiosk offers, by department',
    description: "The calling kiosk's subset (hallq.yaml kiosks[].services / departments; absent: every service) in the hall's order, grouped by department, and whether the start screen shows departments first (more than 8 services in more than one department). A ticket for a service outside the subset is refused (403).",
  }),
  heldCard: defineRoute({
    method: 'GET', path: '/api/kiosk/identity', tags: ['kiosk'], access: 'kiosk', reply: Type.Union([HeldCardView, Type.Null()]),
    summary: 'The ID card just read on this kiosk (一证通办)',
    description: 'Polled by the kiosk page about once a second. Answers the masked name, the green-channel flag and an opaque handle for POST /api/tickets, or 204 when no card is held. Never the ID number.',
  }),
  clearHeldCard: defineRoute({
    method: 'DELETE', path: '/api/kiosk/identity', tags: ['kiosk'], access: 'kiosk', body: NoBody, reply: Type.Null(), status: 204,
    summary: 'Forget the ID card held for this kiosk',
    description: 'The visitor pressed cancel or walked away: the next visitor must not take a ticket with it.',
  }),
  ownDevices: defineRoute({
    method: 'GET', path: '/api/kiosk/devices', tags: ['kiosk'], access: 'kiosk', reply: KioskDevicesReport,
    summary: "This kiosk's printer and ID card reader",
    description: 'Status and fault code of each (null when not configured), so the page can say before a ticket is taken that it will not be printed or that the reader is down. Device health otherwise goes to staff only.',
  }),
  appointment: defineRoute({
    method: 'GET', path: '/api/appointments/:code', tags: ['appointments'], access: ['kiosk', 'staff'], params: AppointmentParams, reply: AppointmentView,
    summary: 'Look an appointment up by its code (预约取号)',
    description: 'The kiosk shows the slot and whether checking in now keeps appointment priority (early, on time, late), or why it cannot (used, not today). The person is masked.',
  }),
  createAppointment: defineRoute({
    method: 'POST', path: '/api/appointments', tags: ['appointments'], access: 'manager', body: AppointmentBody, reply: AppointmentView, status: 201,
    summary: 'Book an appointment',
    description: 'Creates an appointment, or changes one not yet checked in. Times are hall-local (2026-11-27 09:30) or instants. An ID number binds it to that person (kept masked and hashed only). Audited without the person.',
  }),
  importAppointments: defineRoute({
    method: 'POST', path: '/api/appointments/import', tags: ['appointments'], access: 'manager', body: AppointmentsCsv, reply: AppointmentsImportReply,
    summary: 'Import appointments from a CSV file',
    description: 'Send the file as text/csv: code,serviceId,slotStart,slotEnd,idNumber?,name? (docs/kiosk.md). All or nothing: a file with a bad line imports nothing and every bad line is reported; appointments already checked in are kept.',
  }),
  demoCard: defineRoute({
    method: 'POST', path: '/api/demo/kiosks/:kioskId/card', tags: ['demo'], access: 'anyone', params: DemoCardParams, body: DemoCardBody, reply: DemoCardReply, status: 202,
    summary: 'Lay a demo ID card on a simulated reader (demo hall only)',
    description: "Lets 一证通办 be tried without hardware: one of the demo hall's made-up people is read on the kiosk's simulated reader. Not served outside the demo hall.",
  }),
} as const;
