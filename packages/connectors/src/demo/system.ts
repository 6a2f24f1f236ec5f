/** The demo library as a system the policy file can name (`patron: [demo]`), with an optional seed. */
import { z } from 'zod';
import type { SystemDefinition } from '../system.js';
import { createDemoLibrary, defaultDemoSeed } from './library.js';

export const demoSettingsSchema = z.strictObject({
  type: z.literal('demo'),
  /** Another seed gives another (equally fictional) library. */
  seed: z.number().int('is not a whole number').optional(),
});
export type DemoSettings = z.output<typeof demoSettingsSchema>;

export const demoSystem: SystemDefinition<DemoSettings> = {
  type: 'demo',
  schema: demoSettingsSchema,
  build(settings, context) {
    const seed = settings.seed ?? defaultDemoSeed;
    const demo = createDemoLibrary({ seed, now: context.now });
    return {
      name: context.name,
      system: 'demo',
      answersLocally: true,
      patrons: demo.patrons,
      holdings: demo.holdings,
      prices: demo.prices,
      illRequests: demo.illRequests,
      openAccess: demo.openAccess,
      matchBy: 'email',
      secretVariables: [],
      describe: () => `demo library (Northfield University, seed ${seed})`,
      async check() {
        return `${demo.listPatrons().length} demo patrons and ${demo.listTransactions().length} ILL requests, offline`;
      },
    };
  },
};
