/**
 * Slack's Block Kit, as its published JSON Schema describes it, for tests: a view or message we
 * build is checked against Slack's own description, so a test cannot agree with a mistake we made
 * twice (an empty select, a text too long). The schema is read from `shared/schemas/` at test
 * time, found by walking up from this file; where it is absent, `blockKit` is undefined and the
 * checks say they are skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';

function findSchema(start: string): string | undefined {
  for (let directory = start; ; directory = dirname(directory)) {
    const candidate = join(directory, 'shared', 'schemas', 'slack-block-kit.schema.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) return undefined;
  }
}

const schemaFile = findSchema(dirname(fileURLToPath(import.meta.url)));

/** Where the schema was looked for, for the message of a skipped check. */
export const blockKitSkipReason = schemaFile ? '' : 'shared/schemas/slack-block-kit.schema.json not found above the repository: Block Kit checks skipped';

/** The blocks' problems as Slack's schema states them ("/0/element/options: must NOT have fewer than 1 items"); empty when valid. */
export const blockKit = schemaFile
  ? (() => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
      return (blocks: unknown): string[] =>
        validate(blocks) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? 'is not valid'}`);
    })()
  : undefined;
