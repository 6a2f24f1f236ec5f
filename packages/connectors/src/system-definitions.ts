/** Every type of system the policy file may name under `connectors.systems`. Add a new connector here. */
import { almaSystem } from './alma/index.js';
import { demoSystem } from './demo/system.js';
import { doabSystem } from './doab/index.js';
import { folioSystem } from './folio/index.js';
import { googleBooksSystem } from './google-books/index.js';
import { illiadSystem } from './illiad/index.js';
import { kohaSystem } from './koha/index.js';
import { sierraSystem } from './sierra/index.js';
import type { SystemDefinition } from './system.js';
import { unpaywallSystem } from './unpaywall/index.js';
import { vendorPriceFileSystem } from './vendor-price-file/index.js';

export const systemDefinitions: SystemDefinition<never>[] = [demoSystem, folioSystem, almaSystem, kohaSystem, sierraSystem, illiadSystem, vendorPriceFileSystem, googleBooksSystem, doabSystem, unpaywallSystem] as SystemDefinition<never>[];
