/** Every HTTP route of the hall hub, for the contract test and the API reference. */
import type { RouteDef } from '../route-map';
import { coreRoutes, windowVerbRoutes } from './core';
import { windowDevicesDemoRoutes, windowDevicesRoutes } from './window-devices';
import { uplinkHallRoutes } from './uplink';
import { kioskRoutes } from './kiosk';
import { managerRoutes } from './manager';
import { reportRoutes } from './manager-reports';
import { adminRoutes } from './manager-admin';
import { provinceRoutes } from './province';
import { signInRoutes } from './sign-in';
import { windowQueueRoutes } from './window-queue';
import { healthRoutes } from './health';
import { deskRoutes } from './desk';
import { terminalRoutes } from './terminals';

export const ALL_ROUTES: readonly RouteDef[] = [...Object.values(coreRoutes), ...Object.values(windowVerbRoutes), ...Object.values(windowDevicesRoutes), ...Object.values(windowDevicesDemoRoutes), ...Object.values(uplinkHallRoutes), ...Object.values(kioskRoutes), ...Object.values(managerRoutes), ...Object.values(reportRoutes), ...Object.values(adminRoutes), ...Object.values(provinceRoutes), ...Object.values(signInRoutes), ...Object.values(windowQueueRoutes), ...Object.values(healthRoutes), ...Object.values(deskRoutes), ...Object.values(terminalRoutes)];
