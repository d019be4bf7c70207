// The printer's clock is the drivers-wide one; this path stays so existing imports keep working.
export { systemTimers, type CancelTimer, type Timers } from '../timers';
