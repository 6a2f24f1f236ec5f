/** Every site adapter, one per file. A new system is one new file here and its fixtures. */
import { alma } from './alma.js';
import { illiad } from './illiad.js';
import { koha } from './koha.js';
import { reshare } from './reshare.js';
import type { SiteId, SystemSite } from './site.js';
import { tipasa } from './tipasa.js';

export const sites: readonly SystemSite[] = [illiad, tipasa, alma, reshare, koha];

export function siteById(id: SiteId): SystemSite | undefined {
  return sites.find((site) => site.id === id);
}
