/**
 * A vendor price file as a price source. The CSV is read when first asked and again whenever the
 * file changes; each price is dated by the file's modification time, so staff see how old it is.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { ConnectorError } from '../errors.js';
import type { PriceSource } from '../sources.js';
import type { SystemDefinition } from '../system.js';
import { readPriceList, type PriceList } from './price-list.js';
import { vendorPriceFileSettingsSchema, type VendorPriceFileSettings } from './settings.js';

export { vendorPriceFileSettingsSchema, type VendorPriceFileSettings } from './settings.js';
export { readPriceList, type PriceList, type PriceListEntry } from './price-list.js';
export { csvRecords } from './csv.js';

/** A price source reading `file` (an absolute path). */
export function vendorPriceFile(file: string, settings: VendorPriceFileSettings): PriceSource & { load(): Promise<PriceList & { asOf: string }> } {
  const system = `${settings.vendor} price file`;
  let loaded: (PriceList & { asOf: string; modifiedMs: number }) | undefined;

  async function load() {
    let modifiedMs: number;
    try {
      modifiedMs = (await stat(file)).mtimeMs;
      if (loaded && loaded.modifiedMs === modifiedMs) return loaded;
      const text = await readFile(file, 'utf8');
      loaded = { ...readPriceList(text, { currency: settings.currency, file: settings.path }), asOf: new Date(modifiedMs).toISOString(), modifiedMs };
      return loaded;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConnectorError({
        code: code === 'ENOENT' ? 'connector_not_found' : 'connector_unavailable',
        system,
        call: `read ${settings.path}`,
        failure: code === 'ENOENT' ? 'found no file there' : `could not be read (${code ?? 'error'})`,
        hint: 'check the path in connectors.systems and that the hub may read it',
      });
    }
  }

  return {
    system,
    load,
    async priceOf(isbns) {
      const list = await load();
      for (const isbn of isbns) {
        const entry = list.entries.get(isbn);
        if (!entry) continue;
        const source = `${settings.vendor} price file`;
        return {
          ...(entry.price !== undefined ? { price: { value: entry.price, currency: entry.currency, source, asOf: list.asOf } } : {}),
          ...(entry.inStock !== undefined ? { available: { value: entry.inStock, source, asOf: list.asOf } } : {}),
        };
      }
      return undefined;
    },
  };
}

export const vendorPriceFileSystem: SystemDefinition<VendorPriceFileSettings> = {
  type: 'vendor-price-file',
  schema: vendorPriceFileSettingsSchema,
  build(settings, context) {
    const file = isAbsolute(settings.path) ? settings.path : resolve(context.baseDir ?? '.', settings.path);
    const prices = vendorPriceFile(file, settings);
    return {
      name: context.name,
      system: prices.system,
      answersLocally: true,
      prices,
      secretVariables: [],
      describe: () => `${settings.vendor} price file at ${settings.path}`,
      async check() {
        const list = await prices.load();
        const skipped = list.skipped.length;
        const first = list.skipped[0];
        return (
          `${list.entries.size} titles priced, file dated ${list.asOf.slice(0, 10)}` +
          (skipped > 0 ? `; ${skipped} row${skipped === 1 ? '' : 's'} skipped (${first!.path.slice(1).join(' ')}: ${first!.message})` : '')
        );
      },
    };
  },
};
