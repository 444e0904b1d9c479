/** The portals `src/portals/main.ts --portal <id>` can start, and `npm start` runs beside the hub. */
import type { PortalDefinition } from './kit/definition.ts';
import { mpsPortal } from './mps/portal.ts';
import { nationalPortal } from './national/portal.ts';

export const PORTALS: Record<string, PortalDefinition> = { national: nationalPortal, mps: mpsPortal };
