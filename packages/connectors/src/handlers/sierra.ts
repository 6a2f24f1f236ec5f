/**
 * msw handlers for the Sierra REST API v6 (Innovative's documentation): POST /v6/token with the
 * client key and secret as basic authentication (401 otherwise) answers a bearer token;
 * /v6/patrons/find?varFieldTag=…&varFieldContent=… answers one patron or 404 ("Record not
 * found", code 107); checkouts, holds and fines are `{ total, entries }` with linked records as
 * URLs, paged with `limit`/`offset`; /v6/items and /v6/bibs list records by `id`.
 */
import { http, HttpResponse } from 'msw';

export const sierraBaseURL = 'https://catalog.northfield.example.edu/iii/sierra-api';
export const sierraClient = { key: 'sierra-client-key', secret: 'sierra-client-s3cret' };
const sierraToken = 'sierra-bearer-1';
const v6 = `${sierraBaseURL}/v6`;

export const sierraPatron = {
  id: 1234567,
  names: ['Okafor, Amara'],
  emails: ['amara.okafor@northfield.edu'],
  barcodes: ['21234004000006'],
  patronType: 3,
  expirationDate: '2027-05-31',
  blockInfo: { code: 'c' },
  autoBlockInfo: { code: '-' },
  moneyOwed: 6.5,
};

/** The record with only the `fields` asked for (and `id`), as Sierra answers. */
function withFields<T extends Record<string, unknown>>(record: T, request: Request): Partial<T> {
  const fields = new URL(request.url).searchParams.get('fields');
  if (!fields) return record;
  const wanted = new Set(['id', ...fields.split(',')]);
  return Object.fromEntries(Object.entries(record).filter(([key]) => wanted.has(key))) as Partial<T>;
}

/** Sierra's patron as a test wants it: the documented record with some fields changed. */
export const sierraPatronOverride: { fields?: Partial<typeof sierraPatron> & Record<string, unknown> } = {};

export const sierraCheckouts = [
  { id: `${v6}/patrons/checkouts/9001`, patron: `${v6}/patrons/1234567`, item: `${v6}/items/5000001`, barcode: '39000041001', dueDate: '2025-03-04T08:00:00Z', numberOfRenewals: 2, outDate: '2025-02-01T10:00:00Z' },
  { id: `${v6}/patrons/checkouts/9002`, patron: `${v6}/patrons/1234567`, item: `${v6}/items/5000002`, barcode: '39000041002', dueDate: '2025-04-01T08:00:00Z', numberOfRenewals: 0, outDate: '2025-03-01T10:00:00Z' },
];

export const sierraHolds = [
  { id: `${v6}/patrons/holds/700`, record: `${v6}/bibs/1000003`, recordType: 'b', placed: '2025-03-01', notNeededAfterDate: '2025-06-01', pickupLocation: { code: 'main', name: 'Main Library' }, status: { code: 'i', name: 'Ready for pickup.' } },
];

export const sierraFines = [
  { id: `${v6}/patrons/fines/55`, patron: `${v6}/patrons/1234567`, assessedDate: '2025-02-20T09:00:00Z', itemCharge: 5, processingFee: 2, billingFee: 0, paidAmount: 0.5, chargeType: { code: '2', display: 'Overdue' }, location: { code: 'main', name: 'Main Library' } },
];

const bibs = [
  { id: '1000001', title: 'Rivers of Memory', author: 'Adeyemi, Folake' },
  { id: '1000002', title: 'The Salt Roads', author: 'Mensah, Kofi' },
  { id: '1000003', title: 'Lanterns of the Delta', author: null },
];
const items = [
  { id: '5000001', bibIds: ['1000001'] },
  { id: '5000002', bibIds: ['1000002'] },
];

function isAuthorised(request: Request): boolean {
  return request.headers.get('authorization') === `Bearer ${sierraToken}`;
}
const unauthorized = () => HttpResponse.json({ code: 123, specificCode: 0, httpStatus: 401, name: 'Unauthorized', description: 'invalid_grant' }, { status: 401 });

function page<T>(entries: T[], request: Request) {
  const url = new URL(request.url);
  const limit = Number(url.searchParams.get('limit') ?? '50');
  const offset = Number(url.searchParams.get('offset') ?? '0');
  return HttpResponse.json({ total: entries.length, start: offset, entries: entries.slice(offset, offset + limit) });
}

/** The ISBN-13 the Sierra catalogue has, in its ISBN field group (tag i). */
export const sierraHeldIsbn = '9780306406157';

export const sierraHandlers = [
  http.post(`${v6}/bibs/query`, async ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const body = JSON.stringify(await request.json());
    const held = body.includes(`"operands":["${sierraHeldIsbn}"]`) && body.includes('"tag":"i"');
    return HttpResponse.json({ total: held ? 1 : 0, entries: held ? [{ link: `${v6}/bibs/1000001` }] : [] });
  }),
  http.post(`${v6}/token`, async ({ request }) => {
    const expected = `Basic ${Buffer.from(`${sierraClient.key}:${sierraClient.secret}`).toString('base64')}`;
    if (request.headers.get('authorization') !== expected) return unauthorized();
    if ((await request.text()) !== 'grant_type=client_credentials') return HttpResponse.json({ name: 'Bad request' }, { status: 400 });
    return HttpResponse.json({ access_token: sierraToken, token_type: 'bearer', expires_in: 3600 });
  }),
  http.get(`${v6}/patrons/find`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const url = new URL(request.url);
    const tag = url.searchParams.get('varFieldTag');
    const content = url.searchParams.get('varFieldContent');
    const found = (tag === 'z' && content === sierraPatron.emails[0]) || (tag === 'b' && content === sierraPatron.barcodes[0]);
    return found ? HttpResponse.json(withFields({ ...sierraPatron, ...sierraPatronOverride.fields }, request)) : HttpResponse.json({ code: 107, specificCode: 0, httpStatus: 404, name: 'Record not found' }, { status: 404 });
  }),
  http.get(`${v6}/patrons/:id/checkouts`, ({ request, params }) => (isAuthorised(request) ? page(params.id === '1234567' ? sierraCheckouts : [], request) : unauthorized())),
  http.get(`${v6}/patrons/:id/holds`, ({ request, params }) => (isAuthorised(request) ? page(params.id === '1234567' ? sierraHolds : [], request) : unauthorized())),
  http.get(`${v6}/patrons/:id/fines`, ({ request, params }) => (isAuthorised(request) ? page(params.id === '1234567' ? sierraFines : [], request) : unauthorized())),
  http.get(`${v6}/items`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const ids = (new URL(request.url).searchParams.get('id') ?? '').split(',');
    return page(items.filter((item) => ids.includes(item.id)), request);
  }),
  http.get(`${v6}/bibs`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const ids = new URL(request.url).searchParams.get('id');
    return page(ids ? bibs.filter((bib) => ids.split(',').includes(bib.id)) : bibs, request);
  }),
];
