/**
 * The hall's own route about its city uplink (docs/uplink.md). The uplink itself (batches, cursor) is
 * served by the centre, not the hall: see server/protocol/uplink.ts.
 */
import { defineRoute } from '../route-map';
import { UplinkStatus } from '../uplink';

export const uplinkHallRoutes = {
  status: defineRoute({
    method: 'GET', path: '/api/uplink/status', tags: ['uplink'], access: 'manager', reply: UplinkStatus,
    summary: 'The link to the city centre (市、镇两级中心)',
    description: "State ('off' without an uplink, 'connecting', 'ok', 'retrying', 'refused'), last contact and last acknowledgement (hall clock), the backlog not yet acknowledged, the database generation, the last failure as a sentence, and the centre's latest supervision notes (督办).",
  }),
};
