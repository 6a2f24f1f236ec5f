/**
 * Contract checks for the FOLIO and Koha connectors: every request a connector sends and every
 * answer a mock gives is judged against the schema the vendor publishes for that endpoint, so a
 * mock cannot agree with a mistake we made twice.
 *
 * The schemas are read at test time from `shared/schemas/vendor/`, found by walking up from the
 * test file (the repository's `../shared`); they are never copied into the project. Where they
 * are absent the checks are skipped and say so.
 *
 * What is checked, per endpoint:
 * - the answer body of a 2xx against the endpoint's published response schema (Ajv);
 * - FOLIO: every field a CQL query names exists in the record's schema; ids in paths are UUIDs;
 * - Koha: `x-koha-embed` values are among those the endpoint accepts (`koha/embeds.json`), every
 *   query parameter is one the endpoint declares (Koha answers 400 "Malformed query string"
 *   otherwise), and every field a `q` filter names is an attribute of the endpoint's object.
 * A request to an endpoint this file does not know is itself a violation, so no call goes unchecked.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export type VendorSystem = 'folio' | 'koha';

/** The folder holding the vendors' schemas, walking up from `start`; undefined when none is found. */
export function findVendorSchemas(start: string): string | undefined {
  let directory = start;
  for (;;) {
    const candidate = join(directory, 'shared', 'schemas', 'vendor');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

type Json = Record<string, unknown>;

/** One endpoint as the contract knows it. Paths are templates: `/groups/{id}`. */
interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  /** Schema file (relative to the system's folder) of a 2xx body, or why there is none to check against. */
  response: string | { inline: () => Json } | { unchecked: string };
  /** FOLIO: the record schema whose fields a CQL `query` may name. */
  cqlRecord?: string | { unchecked: string };
  /** Koha: the object whose attributes a `q` filter may name. */
  qRecord?: string | { unchecked: string };
  /** Koha: query parameters the endpoint declares beyond the common list ones. */
  queryParameters?: readonly string[];
  /** Koha: the endpoint takes none of the common list parameters (a single object). */
  isSingleObject?: boolean;
  /** Path parameters and how each must look. */
  pathParameters?: Record<string, 'uuid' | 'integer'>;
}

const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

const folioEndpoints: Endpoint[] = [
  { method: 'POST', path: '/authn/login-with-expiry', response: 'mod-login/ramls/loginResponseWithExpiry.json' },
  { method: 'POST', path: '/authn/login', response: { unchecked: "mod-login's loginResponse.json is not among the shared schemas" } },
  { method: 'GET', path: '/users', response: 'mod-users/ramls/userdataCollection.json', cqlRecord: 'mod-users/ramls/userdata.json' },
  { method: 'GET', path: '/groups/{id}', response: 'mod-users/ramls/usergroup.json', pathParameters: { id: 'uuid' } },
  {
    method: 'GET',
    path: '/departments',
    response: { unchecked: "mod-users' departmentCollection.json is not among the shared schemas" },
    cqlRecord: { unchecked: "mod-users' department.json is not among the shared schemas" },
  },
  { method: 'GET', path: '/circulation/loans', response: 'mod-circulation/ramls/loans.json', cqlRecord: 'mod-circulation/ramls/loan.json' },
  { method: 'GET', path: '/circulation/requests', response: 'mod-circulation/ramls/requests.json', cqlRecord: 'mod-circulation/ramls/request.json' },
  { method: 'GET', path: '/accounts', response: 'mod-feesfines/ramls/accountdataCollection.json', cqlRecord: 'mod-feesfines/ramls/accountdata.json' },
  { method: 'GET', path: '/manualblocks', response: 'mod-feesfines/ramls/manualblockdataCollection.json', cqlRecord: 'mod-feesfines/ramls/manualblockdata.json' },
  { method: 'GET', path: '/automated-patron-blocks/{id}', response: 'mod-patron-blocks/ramls/automated-patron-blocks.json', pathParameters: { id: 'uuid' } },
  {
    method: 'GET',
    path: '/search/instances',
    response: 'mod-search/src/main/resources/swagger.api/schemas/response/instanceSearchResult.yaml',
    // `isbn` and `oclc` are mod-search's search options (aliases over identifiers), not record fields.
    cqlRecord: { unchecked: "mod-search's search options (isbn, oclc) are not fields of the instance schema" },
  },
];

// Koha's list endpoints all take these (api/v1/swagger/swagger.yaml#/parameters: match, order_by,
// page, per_page, q_param), as every paths file below declares.
const kohaListParameters = ['_match', '_order_by', '_page', '_per_page', 'q'];

const kohaEndpoints: Endpoint[] = [
  {
    method: 'POST',
    path: '/oauth/token',
    response: { inline: () => ({}) }, // filled from paths/oauth.yaml when loaded
  },
  { method: 'GET', path: '/patrons', response: 'patron', qRecord: 'api/v1/swagger/definitions/patron.yaml' },
  // Koha-Community/Koha@011a85d3 api/v1/swagger/paths/checkouts.yaml declares patron_id and checked_in.
  { method: 'GET', path: '/checkouts', response: 'api/v1/swagger/definitions/checkouts.yaml', qRecord: 'api/v1/swagger/definitions/checkout.yaml', queryParameters: ['patron_id', 'checked_in'] },
  {
    method: 'GET',
    path: '/patrons/{patron_id}/checkouts',
    response: 'api/v1/swagger/definitions/checkouts.yaml',
    qRecord: 'api/v1/swagger/definitions/checkout.yaml',
    pathParameters: { patron_id: 'integer' },
  },
  {
    method: 'GET',
    path: '/holds',
    response: 'api/v1/swagger/definitions/holds.yaml',
    qRecord: 'api/v1/swagger/definitions/hold.yaml',
    // Koha-Community/Koha@011a85d3 api/v1/swagger/paths/holds.yaml
    queryParameters: [
      'hold_id', 'patron_id', 'hold_date', 'biblio_id', 'item_group_id', 'pickup_library_id', 'cancellation_date', 'notes', 'priority',
      'status', 'timestamp', 'item_id', 'waiting_date', 'expiration_date', 'lowest_priority', 'suspended', 'suspended_until', 'non_priority',
    ],
  },
  { method: 'GET', path: '/patrons/{patron_id}/account', response: 'api/v1/swagger/definitions/patron_balance.yaml', isSingleObject: true, pathParameters: { patron_id: 'integer' } },
  { method: 'GET', path: '/ill/requests', response: 'ill_request', qRecord: 'api/v1/swagger/definitions/ill_request.yaml' },
  {
    method: 'GET',
    path: '/biblios',
    response: { unchecked: "Koha's biblio definition is not among the shared schemas" },
    qRecord: { unchecked: "Koha's biblio definition is not among the shared schemas" },
  },
];

export interface Violation {
  call: string;
  message: string;
}

export interface VendorContract {
  readonly system: VendorSystem;
  /** Where the schemas were read from, for messages. */
  readonly root: string;
  /** Problems with a request the connector sent (`body` as text, for POSTs). */
  checkRequest(method: string, url: URL, headers: Headers, body: string): Violation[];
  /** Problems with a mock's answer to that request. */
  checkResponse(method: string, url: URL, status: number, body: unknown): Violation[];
}

/** Loads the contract of one system from `root` (the `shared/schemas/vendor` folder); `basePath` is the API's prefix in URLs (`/api/v1` for Koha). */
export function loadVendorContract(system: VendorSystem, root: string, basePath = ''): VendorContract {
  const folder = join(root, system);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Every schema file under the folder, under its own file URL, so relative $refs resolve as in the repositories.
  for (const file of filesUnder(folder)) {
    if (!/\.(json|schema|yaml)$/.test(file) || file.endsWith('embeds.json') || file.includes('/paths/')) continue;
    const schema = readSchema(file);
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) continue;
    ajv.addSchema(schema, fileUrl(file));
  }
  const endpoints = system === 'folio' ? folioEndpoints : kohaEndpoints;
  const embeds = system === 'koha' ? (JSON.parse(readFileSync(join(folder, 'embeds.json'), 'utf8')) as { endpoints: Record<string, string[]> }).endpoints : {};
  const validators = new Map<Endpoint, ValidateFunction>();
  const recordProperties = new Map<string, Json>();

  function validatorFor(endpoint: Endpoint): ValidateFunction | string {
    const existing = validators.get(endpoint);
    if (existing) return existing;
    const response = endpoint.response;
    if (typeof response === 'object' && 'unchecked' in response) return response.unchecked;
    let schema: Json;
    if (typeof response === 'object') {
      // Koha's token answer is declared inline in paths/oauth.yaml.
      const paths = parseYaml(readFileSync(join(folder, 'api/v1/swagger/paths/oauth.yaml'), 'utf8')) as Json;
      schema = ((((paths['/oauth/token'] as Json).post as Json).responses as Json)['200'] as Json).schema as Json;
    } else if (response === 'patron' || response === 'ill_request') {
      // Lists answered as bare arrays of the definition.
      schema = { type: 'array', items: { $ref: fileUrl(join(folder, `api/v1/swagger/definitions/${response}.yaml`)) } };
    } else {
      schema = { $ref: fileUrl(join(folder, response)) };
    }
    const validate = ajv.compile(schema);
    validators.set(endpoint, validate);
    return validate;
  }

  function propertiesOf(file: string): Json {
    let properties = recordProperties.get(file);
    if (!properties) {
      properties = (readSchema(join(folder, file)) as Json).properties as Json;
      recordProperties.set(file, properties);
    }
    return properties;
  }

  // Whether a dotted field ("personal.email", "status.name") is in the record schema, following $refs.
  function hasField(recordFile: string, field: string): boolean {
    let schema: Json | undefined = { properties: propertiesOf(recordFile) };
    let file = join(folder, recordFile);
    for (const part of field.split('.')) {
      while (schema && typeof schema.$ref === 'string') {
        file = join(dirname(file), schema.$ref);
        schema = readSchema(file) as Json;
      }
      if (schema?.type === 'array' && schema.items) schema = schema.items as Json;
      while (schema && typeof schema.$ref === 'string') {
        file = join(dirname(file), schema.$ref);
        schema = readSchema(file) as Json;
      }
      const properties = schema?.properties as Json | undefined;
      if (!properties || !(part in properties)) return false;
      schema = properties[part] as Json;
    }
    return true;
  }

  function match(method: string, url: URL): { endpoint: Endpoint; parameters: Record<string, string> } | undefined {
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const segments = path.split('/');
    for (const endpoint of endpoints) {
      if (endpoint.method !== method) continue;
      const template = endpoint.path.split('/');
      if (template.length !== segments.length) continue;
      const parameters: Record<string, string> = {};
      const matches = template.every((part, index) => {
        const name = /^\{(.+)\}$/.exec(part)?.[1];
        if (name) {
          parameters[name] = decodeURIComponent(segments[index]!);
          return true;
        }
        return part === segments[index];
      });
      if (matches) return { endpoint, parameters };
    }
    return undefined;
  }

  return {
    system,
    root,
    checkRequest(method, url, headers, body) {
      const found = match(method, url);
      if (!found) return [{ call: `${method} ${url.pathname}`, message: `no published ${system} endpoint in the contract answers ${method} ${url.pathname}` }];
      const { endpoint, parameters } = found;
      const call = `${method} ${endpoint.path}`;
      const violations: Violation[] = [];
      for (const [name, kind] of Object.entries(endpoint.pathParameters ?? {})) {
        const value = parameters[name] ?? '';
        if (kind === 'uuid' && !uuidPattern.test(value)) violations.push({ call, message: `path parameter ${name} "${value}" is not a UUID` });
        if (kind === 'integer' && !/^\d+$/.test(value)) violations.push({ call, message: `path parameter ${name} "${value}" is not an integer` });
      }
      if (system === 'folio') {
        const query = url.searchParams.get('query');
        const record = endpoint.cqlRecord;
        if (query !== null && typeof record === 'string') {
          for (const field of cqlFields(query)) {
            if (!hasField(record, field)) violations.push({ call, message: `CQL names "${field}", which ${record} does not define` });
          }
        }
        return violations;
      }
      // Koha
      if (endpoint.path === '/oauth/token') {
        const form = new URLSearchParams(body);
        for (const key of form.keys()) {
          if (!['grant_type', 'client_id', 'client_secret'].includes(key)) violations.push({ call, message: `form field "${key}" is not declared by paths/oauth.yaml` });
        }
        if (!form.get('grant_type')) violations.push({ call, message: 'the required form field grant_type is missing' });
        return violations;
      }
      const accepted = embeds[`${method} ${endpoint.path}`] ?? [];
      const embed = headers.get('x-koha-embed');
      if (embed !== null) {
        for (const value of embed.split(',').map((part) => part.trim())) {
          if (!accepted.includes(value)) {
            violations.push({ call, message: `x-koha-embed "${value}" is not accepted here (Koha answers 400); it accepts ${accepted.length > 0 ? accepted.join(', ') : 'no embeds'}` });
          }
        }
      }
      const declared = endpoint.isSingleObject ? [] : [...kohaListParameters, ...(endpoint.queryParameters ?? [])];
      for (const key of new Set(url.searchParams.keys())) {
        if (!declared.includes(key)) violations.push({ call, message: `query parameter "${key}" is not declared for this endpoint (Koha answers 400 "Malformed query string")` });
      }
      const q = url.searchParams.get('q');
      if (q !== null && typeof endpoint.qRecord === 'string') {
        let filter: unknown;
        try {
          filter = JSON.parse(q);
        } catch {
          violations.push({ call, message: 'q is not JSON' });
        }
        for (const field of qFields(filter)) {
          if (!(field in propertiesOf(endpoint.qRecord))) violations.push({ call, message: `q filters on "${field}", which ${endpoint.qRecord} does not define (Koha answers 400)` });
        }
      }
      return violations;
    },
    checkResponse(method, url, status, body) {
      if (status < 200 || status >= 300) return [];
      const found = match(method, url);
      if (!found) return [];
      const validate = validatorFor(found.endpoint);
      if (typeof validate === 'string') return [];
      if (validate(body)) return [];
      const call = `${method} ${found.endpoint.path}`;
      // One line per kind of problem: the same fault in 120 loans is one fault.
      const messages = new Set(
        (validate.errors ?? []).map((error) => {
          const where = error.instancePath.replace(/\/\d+(?=\/|$)/g, '/*') || '(body)';
          const detail = error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})` : '';
          return `answer ${where} ${error.message ?? 'is invalid'}${detail}`;
        }),
      );
      return [...messages].map((message) => ({ call, message }));
    },
  };
}

/** Endpoints the contract knows but cannot check against a published schema, with the reason. */
export function uncheckedParts(system: VendorSystem): string[] {
  const endpoints = system === 'folio' ? folioEndpoints : kohaEndpoints;
  return endpoints.flatMap((endpoint) => [
    ...(typeof endpoint.response === 'object' && 'unchecked' in endpoint.response ? [`${endpoint.method} ${endpoint.path} answer: ${endpoint.response.unchecked}`] : []),
    ...(typeof endpoint.cqlRecord === 'object' ? [`${endpoint.method} ${endpoint.path} query: ${endpoint.cqlRecord.unchecked}`] : []),
    ...(typeof endpoint.qRecord === 'object' ? [`${endpoint.method} ${endpoint.path} q: ${endpoint.qRecord.unchecked}`] : []),
  ]);
}

/** The fields a CQL query names (`personal.email`, `status.name`, a `sortby` key), quoted terms left out. */
export function cqlFields(query: string): string[] {
  const unquoted = query.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const fields = new Set<string>();
  for (const found of unquoted.matchAll(/([A-Za-z][\w.]*)\s*(?:==|<>|<=|>=|=|<|>|\s(?:any|all|adj)\s)/g)) fields.add(found[1]!);
  const sort = /\bsortby\s+(.+)$/i.exec(unquoted);
  if (sort) for (const key of sort[1]!.split(/\s+/)) if (key && !key.startsWith('/')) fields.add(key);
  fields.delete('cql.allRecords');
  return [...fields];
}

/** The attribute names a Koha `q` filter uses at its top level (an object, or an array of objects ORed). */
export function qFields(filter: unknown): string[] {
  const objects = Array.isArray(filter) ? filter : [filter];
  const fields = new Set<string>();
  for (const object of objects) {
    if (typeof object !== 'object' || object === null) continue;
    for (const key of Object.keys(object)) {
      if (key.startsWith('-')) {
        // -and / -or nest more filters.
        for (const field of qFields((object as Json)[key])) fields.add(field);
      } else fields.add(key.replace(/^me\./, ''));
    }
  }
  return [...fields];
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const parsedFiles = new Map<string, unknown>();

// Draft-04 `id` keywords (FOLIO's RAML schemas) would re-base $refs under Ajv's draft-07 rules:
// they are dropped, as the vendor README advises, and each file is known by its own path instead.
function readSchema(file: string): unknown {
  let schema = parsedFiles.get(file);
  if (schema === undefined) {
    const text = readFileSync(file, 'utf8');
    schema = dropDraft04Ids(file.endsWith('.yaml') ? parseYaml(text) : JSON.parse(text));
    parsedFiles.set(file, schema);
  }
  return schema;
}

function dropDraft04Ids(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropDraft04Ids);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    if ((key === 'id' || key === '$schema') && typeof inner === 'string') continue;
    copy[key] = dropDraft04Ids(inner);
  }
  return copy;
}

function fileUrl(file: string): string {
  return pathToFileURL(file).href;
}

