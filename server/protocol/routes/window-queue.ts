/** The clerk's queue in call order (server/app/window-queue.ts), registered by server/transport/http/window-queue-routes.ts. */
import { defineRoute } from '../route-map';
import { WindowParams } from '../http';
import { WindowQueueReply } from '../window-queue';

export const windowQueueRoutes = {
  queue: defineRoute({
    method: 'GET', path: '/api/windows/:windowId/queue', tags: ['windows'], access: 'staff', params: WindowParams, reply: WindowQueueReply,
    summary: "A window's waiting list in call order (排队顺序)",
    description:
      "The waiting tickets this window may call, in the order call-next would take them now (the hall's call policy), with the policy's name, the recall limit and how long a no-show can be undone. Staff only: the clerk's page asks again after every change and every 15 seconds, since weighted waits change with time.",
  }),
} as const;
