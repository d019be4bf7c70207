/** Window-side serial devices: satisfaction keypads, window LED strips and hardware callers on QLP/1 or FF68. */
export { createWindowBus } from './create-window-bus';
export type {
  ArmRequest,
  CallerKey,
  HardwareCaller,
  Rating,
  RatingKeypad,
  RatingLevel,
  ShowOptions,
  WindowBus,
  WindowBusConfig,
  WindowBusErrorCode,
  WindowDeviceConfig,
  WindowDeviceKind,
  WindowStrip,
} from './types';
export { WindowBusError } from './types';
// The one reconnect back-off of all drivers (drivers/backoff.ts); the bus config takes its options.
export type { BackoffOptions } from '../backoff';
export { LinkSupervisor, type LinkSupervisorHandlers } from './link-supervisor';
export { systemTimers, type Timers } from '../timers';
