// The Listener Services: the on-site programs that control the rooms for Relay (reference §2.5), one per
// site. The entity's fields are documented ({id, name, location, assetId, externalId, pointOfContact});
// whether one is online is our addition (`online`), since a client of the real API can only infer it.
// Taking one offline (control API) makes every room it controls answer ListenerOffline.
import { enterprise } from './accounts.ts';
import type { Site } from './sites.ts';
import { createRng, hexId } from '../random.ts';

export interface ListenerService {
  id: string;
  name: string;
  location: string;
  assetId: string | null;
  externalId: string | null;
  pointOfContact: string;
  /** The site it serves (not a Relay field). */
  site: Site;
  online: boolean;
  /** When it last went offline or came back (sim clock, ms). */
  since: number;
}

export interface ListenerServiceCatalog {
  readonly list: readonly ListenerService[];
  byId(id: string): ListenerService | undefined;
  bySite(site: Site): ListenerService;
  /** Takes it offline or brings it back; returns false when nothing changed. */
  setOnline(id: string, online: boolean, now: number): boolean;
}

/** Each site's Listener Service id: stable for a seed (the rooms refer to it). */
export const listenerServiceId = (seed: number, site: Site): string => hexId(createRng(seed, 0x6c697374, site.ordinal));

export function createListenerServices(seed: number, sites: readonly Site[], t0: number): ListenerServiceCatalog {
  const list: ListenerService[] = sites.map((site) => ({
    id: listenerServiceId(seed, site),
    name: `${site.code}-LS1`,
    location: site.address,
    assetId: `LS-${site.code}-01`,
    externalId: null,
    pointOfContact: `facilities-${site.code.toLowerCase()}@${enterprise.name}.example`,
    site,
    online: true,
    since: t0,
  }));
  const byId = new Map(list.map((ls) => [ls.id, ls]));
  const bySite = new Map(list.map((ls) => [ls.site, ls]));
  return {
    list,
    byId: (id) => byId.get(id),
    bySite(site) {
      const ls = bySite.get(site);
      if (!ls) throw new Error(`no Listener Service for site ${site.code}`);
      return ls;
    },
    setOnline(id, online, now) {
      const ls = byId.get(id);
      if (!ls || ls.online === online) return false;
      ls.online = online;
      ls.since = now;
      return true;
    },
  };
}

/** The entity as GET /api/listenerservices answers it: the documented fields, then our `online`. */
export function listenerServiceEntity(ls: ListenerService): Record<string, unknown> {
  return {
    id: ls.id,
    name: ls.name,
    location: ls.location,
    assetId: ls.assetId,
    externalId: ls.externalId,
    pointOfContact: ls.pointOfContact,
    online: ls.online,
  };
}
