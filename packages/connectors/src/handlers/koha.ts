/**
 * msw handlers for the Koha REST API v1, shaped after Koha's swagger definitions (patron, checkout,
 * hold, patron_balance, ill_request; the tests hold every answer to them): POST /api/v1/oauth/token
 * (client credentials, form-encoded; 403 `unauthorized_client` for a wrong client, 400
 * "Unimplemented grant type" while RESTOAuth2ClientCredentials is off), bare JSON arrays for
 * /patrons, /patrons/{patron_id}/checkouts, /holds and /biblios, filtered by `q` (JSON) or declared
 * column parameters and paged with `_page`/`_per_page` (X-Total-Count header), and
 * /patrons/{patron_id}/account with `outstanding_debits`. As Koha does, an `x-koha-embed` value the
 * endpoint does not accept is refused with 400, and without a valid token every route answers 401.
 */
import { http, HttpResponse } from 'msw';

export const kohaBaseURL = 'https://staff.koha.northfield.example.edu';
export const kohaClient = { id: '8a5e3c1f-liaison', secret: 'koha-client-s3cret' };
const kohaToken = 'koha-access-token-1';

export const kohaPatron = {
  patron_id: 4211,
  cardnumber: '21234004010377',
  userid: 'mreyes',
  firstname: 'Mateo',
  preferred_name: null,
  surname: 'Reyes',
  email: 'mateo.reyes@northfield.edu',
  category_id: 'UG',
  library_id: 'MAIN',
  expiry_date: '2026-06-30',
  restricted: true,
  date_enrolled: '2023-09-01',
};

/** 105 checkouts: two pages of 100. */
export const kohaCheckouts = Array.from({ length: 105 }, (_, index) => ({
  checkout_id: 9000 + index,
  patron_id: kohaPatron.patron_id,
  item_id: 700 + index,
  due_date: index < 2 ? '2025-02-20T23:59:00+00:00' : '2025-04-15T23:59:00+00:00',
  checkout_date: '2025-01-20T10:00:00+00:00',
  library_id: 'MAIN',
  renewals_count: 1,
  auto_renew: false,
  onsite_checkout: false,
  timestamp: '2025-01-20T10:00:00+00:00',
  // The checkout definition leaves `item` an open object: it holds Koha's item, with `biblio` under item.biblio.
  item: { item_id: 700 + index, external_id: `39000031${String(index).padStart(3, '0')}`, biblio: { biblio_id: 50 + index, title: `Cell Biology Primer ${index + 1}`, author: 'Lindqvist, Sara' } },
}));

export const kohaHolds = [
  { hold_id: 311, patron_id: kohaPatron.patron_id, biblio_id: 88, hold_date: '2025-03-02', expiration_date: null, status: 'W', pickup_library_id: 'MAIN', priority: 0, suspended: false, timestamp: '2025-03-06T09:00:00+00:00' },
  { hold_id: 312, patron_id: kohaPatron.patron_id, biblio_id: 89, hold_date: '2025-03-05', expiration_date: '2025-09-05', status: null, pickup_library_id: 'SCI', priority: 2, suspended: false, timestamp: '2025-03-05T11:00:00+00:00' },
];

/** The catalogue's biblios as GET /biblios answers them in JSON (biblio_id, title, author…). */
export const kohaBiblios = [
  { biblio_id: 88, title: 'Field Guide to Wetlands', author: null, isbn: null },
  { biblio_id: 89, title: 'Genes in Motion', author: 'Osei, Kwame', isbn: null },
  { biblio_id: 90, title: 'Rivers of Memory', author: null, isbn: '0-306-40615-2' },
];

export const kohaAccount = {
  balance: 91.25,
  outstanding_credits: { total: 0, lines: [] },
  outstanding_debits: {
    total: 91.25,
    lines: [
      { account_line_id: 1, amount: 85, amount_outstanding: 85, description: 'Lost item: Cell Biology Primer 3', debit_type: 'LOST', credit_type: null, date: '2025-02-01T09:00:00+00:00', status: null, patron_id: 4211, item_id: 702 },
      { account_line_id: 2, amount: 6.25, amount_outstanding: 6.25, description: null, debit_type: 'OVERDUE', credit_type: null, date: '2025-02-21T00:05:00+00:00', status: 'UNRETURNED', patron_id: 4211, item_id: 700 },
    ],
  },
};

export const kohaIllRequests = [
  {
    ill_request_id: 77,
    patron_id: kohaPatron.patron_id,
    status: 'REQ',
    medium: 'Book',
    requested_date: '2025-03-01',
    timestamp: '2025-03-02T08:00:00+00:00',
    due_date: null,
    extended_attributes: [{ type: 'title', value: 'Microbial Mats' }],
  },
  {
    // Placed through the FreeForm backend: the citation is in the extended attributes only.
    ill_request_id: 1219,
    patron_id: kohaPatron.patron_id + 1, // another patron's
    status: 'NEW',
    medium: null,
    requested_date: '2025-03-04',
    timestamp: '2025-03-04T10:00:00+00:00',
    due_date: null,
    extended_attributes: [
      { type: 'type', value: 'book' },
      { type: 'title', value: 'Braiding sweetgrass' },
      { type: 'author', value: 'Wall Kimmerer, Robin' },
      { type: 'isbn', value: '9781571313560' },
      { type: 'year', value: '2013' },
    ],
  },
];

function isAuthorised(request: Request): boolean {
  return request.headers.get('authorization') === `Bearer ${kohaToken}`;
}
const unauthorized = () => HttpResponse.json({ error: 'Authentication failure.' }, { status: 401 });

/**
 * Koha as a test sets it up: whether the RESTOAuth2ClientCredentials preference is on (off, the
 * token endpoint answers 400), whether the ILL module is on (off, /ill/requests answers 404), and
 * the permissions each endpoint requires that the API user lacks (Koha then answers 403 naming them).
 */
export const kohaSettings: {
  clientCredentials: boolean;
  illModule: boolean;
  refusedPermissions: Partial<Record<'patrons' | 'patronCheckouts' | 'holds' | 'account' | 'biblios' | 'illRequests', Record<string, string> | Record<string, string>[]>>;
} = { clientCredentials: true, illModule: true, refusedPermissions: {} };

function lacksPermission(endpoint: keyof typeof kohaSettings.refusedPermissions): Response | undefined {
  const required = kohaSettings.refusedPermissions[endpoint];
  if (!required) return undefined;
  return HttpResponse.json({ error: 'Authorization failure. Missing required permission(s).', required_permissions: required }, { status: 403 });
}

// The x-koha-embed values each endpoint accepts (its swagger paths file); any other is a 400, as Koha answers.
const acceptedEmbeds: Record<string, string[]> = {
  patrons: ['extended_attributes', 'checkouts+count', 'overdues+count', 'account_balance', 'library'],
  patronCheckouts: ['booking', 'issuer', 'item', 'item.biblio', 'library', 'patron', 'renewals'],
  holds: ['cancellation_requested'],
  illRequests: ['+strings', 'biblio', 'comments', 'comments+count', 'extended_attributes', 'batch', 'library', 'id_prefix', 'patron'],
  none: [],
};
function refusedEmbed(request: Request, endpoint: keyof typeof acceptedEmbeds): Response | undefined {
  const embeds = (request.headers.get('x-koha-embed') ?? '').split(',').map((value) => value.trim()).filter(Boolean);
  const refused = embeds.find((embed) => !acceptedEmbeds[endpoint]!.includes(embed));
  if (refused === undefined) return undefined;
  return HttpResponse.json({ errors: [{ message: `Not in enum list: ${acceptedEmbeds[endpoint]!.join(', ')}.`, path: '/x-koha-embed' }], status: 400 }, { status: 400 });
}

function filtered<T>(items: T[], request: Request): Response {
  const url = new URL(request.url);
  const page = Number(url.searchParams.get('_page') ?? '1');
  const perPage = Number(url.searchParams.get('_per_page') ?? '20');
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return HttpResponse.json(slice, { headers: { 'X-Total-Count': String(items.length), 'X-Base-Total-Count': String(items.length) } });
}

/** The ISBN-10 a Koha record was catalogued with (Koha keeps ISBNs as entered). */
export const kohaHeldIsbn10 = '0-306-40615-2';

type BiblioFilter = { isbn?: { '-like': string }; biblio_id?: number[] | number };

export const kohaHandlers = [
  http.get(`${kohaBaseURL}/api/v1/biblios`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const forbidden = lacksPermission('biblios');
    if (forbidden) return forbidden;
    const refused = refusedEmbed(request, 'none');
    if (refused) return refused;
    const q = JSON.parse(new URL(request.url).searchParams.get('q') ?? '[]') as BiblioFilter | BiblioFilter[];
    const filters = Array.isArray(q) ? q : [q];
    const matches = kohaBiblios.filter((biblio) =>
      filters.some((filter) => {
        if (filter.biblio_id !== undefined) return ([] as number[]).concat(filter.biblio_id).includes(biblio.biblio_id);
        const like = filter.isbn?.['-like'].replace(/%/g, '');
        return like !== undefined && (biblio.isbn ?? '').replace(/-/g, '').includes(like);
      }),
    );
    return filtered(matches, request);
  }),
  http.post(`${kohaBaseURL}/api/v1/oauth/token`, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    if (form.get('grant_type') !== 'client_credentials' || !kohaSettings.clientCredentials) return HttpResponse.json({ error: 'Unimplemented grant type' }, { status: 400 });
    if (form.get('client_id') !== kohaClient.id || form.get('client_secret') !== kohaClient.secret) {
      return HttpResponse.json({ error: 'unauthorized_client' }, { status: 403 });
    }
    return HttpResponse.json({ access_token: kohaToken, token_type: 'Bearer', expires_in: 3600 });
  }),
  http.get(`${kohaBaseURL}/api/v1/patrons`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const forbidden = lacksPermission('patrons');
    if (forbidden) return forbidden;
    const refused = refusedEmbed(request, 'patrons');
    if (refused) return refused;
    const q = new URL(request.url).searchParams.get('q');
    if (q === null) return filtered([kohaPatron], request);
    const filter = JSON.parse(q) as Record<string, string>;
    const matches = Object.entries(filter).every(([key, value]) => (kohaPatron as Record<string, unknown>)[key] === value);
    return filtered(matches ? [kohaPatron] : [], request);
  }),
  http.get(`${kohaBaseURL}/api/v1/patrons/:patronId/checkouts`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    const forbidden = lacksPermission('patronCheckouts');
    if (forbidden) return forbidden;
    const refused = refusedEmbed(request, 'patronCheckouts');
    if (refused) return refused;
    if (params.patronId !== String(kohaPatron.patron_id)) return HttpResponse.json({ error: 'Patron not found' }, { status: 404 });
    // Embedded objects only when asked for.
    const embeds = (request.headers.get('x-koha-embed') ?? '').split(',');
    const withItem = embeds.includes('item.biblio') || embeds.includes('item');
    return filtered(
      kohaCheckouts.map(({ item, ...checkout }) => {
        if (!withItem) return checkout;
        return { ...checkout, item: embeds.includes('item.biblio') ? item : { item_id: item.item_id, external_id: item.external_id } };
      }),
      request,
    );
  }),
  http.get(`${kohaBaseURL}/api/v1/holds`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const forbidden = lacksPermission('holds');
    if (forbidden) return forbidden;
    const refused = refusedEmbed(request, 'holds');
    if (refused) return refused;
    const mine = new URL(request.url).searchParams.get('patron_id') === String(kohaPatron.patron_id) ? kohaHolds : [];
    return filtered(mine, request);
  }),
  http.get(`${kohaBaseURL}/api/v1/patrons/:patronId/account`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    const forbidden = lacksPermission('account');
    if (forbidden) return forbidden;
    const refused = refusedEmbed(request, 'none');
    if (refused) return refused;
    return params.patronId === String(kohaPatron.patron_id) ? HttpResponse.json(kohaAccount) : HttpResponse.json({ error: 'Patron not found' }, { status: 404 });
  }),
  http.get(`${kohaBaseURL}/api/v1/ill/requests`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    if (!kohaSettings.illModule) return HttpResponse.json({ error: 'Path not found' }, { status: 404 });
    const forbidden = lacksPermission('illRequests');
    if (forbidden) return forbidden;
    const refused = refusedEmbed(request, 'illRequests');
    if (refused) return refused;
    const filter = JSON.parse(new URL(request.url).searchParams.get('q') ?? '{}') as { patron_id?: number; ill_request_id?: number };
    const matching = kohaIllRequests.filter((ill) => (filter.patron_id === undefined || ill.patron_id === filter.patron_id) && (filter.ill_request_id === undefined || ill.ill_request_id === filter.ill_request_id));
    return filtered(filter.patron_id === undefined && filter.ill_request_id === undefined ? [] : matching, request);
  }),
];
