/**
 * The window devices' HTTP routes: the clerk's own day, the rating pad, and (demo hall only) the buttons
 * that press the simulated keypad and caller. Registered by server/transport/http/window-devices-routes.ts,
 * called by the pages through ui-client/api.ts.
 */
import { defineRoute } from '../route-map';
import { WindowParams } from '../http';
import {
  CallerBeepsReply, PadState, PressCallerBody, PressCallerReply, PressKeypadBody, PressKeypadReply, RatingPadBody, RatingPadReply, StripTextReply,
  WindowTodayReply,
} from '../window-devices';

export const windowDevicesRoutes = {
  today: defineRoute({
    method: 'GET', path: '/api/windows/:windowId/today', tags: ['windows'], access: 'staff', params: WindowParams, reply: WindowTodayReply,
    summary: "The signed-in clerk's own day at a window (我的今日)",
    description:
      "The clerk's figures for the hall day (served, no-shows, transfers, mean service time, their ratings; a rating whose appeal was accepted is left out) and the last visit this window finished, with its rating and whether the keypad still offers it.",
  }),
  ratingPad: defineRoute({
    method: 'GET', path: '/api/windows/:windowId/rating-pad', tags: ['visitor'], access: 'anyone', params: WindowParams, reply: PadState,
    summary: 'What the rating pad at a window shows (评价器)',
    description: "Whether a finished visit waits for its rating, its ticket number and the seconds left of the hall's rating time. Public: the tablet faces the visitor, and the number is on the hall display anyway.",
  }),
  rateOnPad: defineRoute({
    method: 'POST', path: '/api/windows/:windowId/rating-pad', tags: ['visitor'], access: 'device', params: WindowParams, body: RatingPadBody, reply: RatingPadReply, status: 201, isIdempotent: true,
    summary: 'Rate the visit on the rating pad (好差评)',
    description: 'The pad registered at this window rates the visit it shows (the number must match): one rating per visit, within the hall\'s rating time.',
  }),
} as const;

/** Registered only when the hall runs in demo mode: the simulated devices have no other buttons. */
export const windowDevicesDemoRoutes = {
  pressKeypad: defineRoute({
    method: 'POST', path: '/api/demo/windows/:windowId/keypad', tags: ['demo'], access: 'anyone', params: WindowParams, body: PressKeypadBody, reply: PressKeypadReply,
    summary: "Press a level on a window's simulated keypad (demo)",
    description: 'As a visitor would: the keypad takes the press only while it is armed for a finished visit.',
  }),
  pressCaller: defineRoute({
    method: 'POST', path: '/api/demo/windows/:windowId/caller', tags: ['demo'], access: 'anyone', params: WindowParams, body: PressCallerBody, reply: PressCallerReply,
    summary: "Press a key of a window's simulated caller (demo)",
    description: 'As the clerk would on the hardware caller (呼叫器): the hub runs the window verb for the clerk signed in there, and a refused key beeps twice.',
  }),
  callerBeeps: defineRoute({
    method: 'GET', path: '/api/demo/windows/:windowId/caller', tags: ['demo'], access: 'anyone', params: WindowParams, reply: CallerBeepsReply,
    summary: "How often a window's simulated caller beeped (demo)",
    description: 'Counts every beep since the hub started; a refused caller key beeps twice.',
  }),
  stripText: defineRoute({
    method: 'GET', path: '/api/demo/windows/:windowId/strip', tags: ['demo'], access: 'anyone', params: WindowParams, reply: StripTextReply,
    summary: "What a window's simulated LED strip shows (demo)",
    description: 'The text on the strip now: the called number, the window\'s standing text, or for two seconds why a caller key was refused.',
  }),
} as const;
