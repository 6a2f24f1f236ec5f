/** Every type of system the policy file may name under `connectors.systems`. Add a new connector here. */
import { almaSystem } from './alma/index.js';
import { demoSystem } from './demo/system.js';
import { folioSystem } from './folio/index.js';
import { illiadSystem } from './illiad/index.js';
import type { SystemDefinition } from './system.js';
import { vendorPriceFileSystem } from './vendor-price-file/index.js';

export const systemDefinitions: SystemDefinition<never>[] = [demoSystem, folioSystem, almaSystem, illiadSystem, vendorPriceFileSystem] as SystemDefinition<never>[];
