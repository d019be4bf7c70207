/**
 * What a hardware caller's key (呼叫器) asks of the hub. Pure, so the mapping is tested without a bus.
 * The keys run the clerk's own window verbs, with the clerk's rights: the hub refuses them as it would
 * refuse the clerk's page (server/app/window-access.ts).
 */
import type { WindowVerbCommand } from '../protocol/http';
import type { WindowState } from '../protocol/model';
import type { CallerKey } from '../protocol/window-devices';

/** The verb (and its body) for `key` at a window in `state`; undefined when the key has no hub action. */
export function callerKeyCommand(key: CallerKey, state: WindowState): WindowVerbCommand | undefined {
  switch (key) {
    case 'call-next':
      return { verb: 'call-next', body: {} };
    case 'recall':
      return { verb: 'recall', body: {} };
    case 'no-show':
      return { verb: 'no-show', body: {} };
    case 'finish':
      return { verb: 'finish', body: {} };
    case 'pause':
      // One key toggles: the hall's callers have no separate resume key.
      return state === 'paused' ? { verb: 'resume', body: {} } : { verb: 'pause', body: { reason: 'other' } };
    case 'transfer':
      // A transfer needs a target (service or window) that a caller key cannot choose.
      return undefined;
  }
}
