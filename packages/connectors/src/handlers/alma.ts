/**
 * msw handlers for the Alma Users API (Ex Libris Developer Network), JSON flavour: the key in
 * `Authorization: apikey …` (401 otherwise, with Alma's `errorList`), GET /almaws/v1/users with
 * `q=email~…` or `q=identifiers~…` (`{ user: [...], total_record_count }`, and only
 * `{ total_record_count: 0 }` when nothing matches), GET /users/{id}?view=full, and the user's
 * loans, requests and fees, paged with `limit` and `offset`.
 */
import { http, HttpResponse } from 'msw';

export const almaBaseURL = 'https://api-eu.hosted.exlibrisgroup.com';
export const almaApiKey = 'l8xx0a1b2c3d4e5f60718293a4b5c6d7e8f9';

export const almaUser = {
  record_type: { value: 'PUBLIC', desc: 'Public' },
  primary_id: 'mchen',
  first_name: 'Mei-Lin',
  last_name: 'Chen',
  full_name: 'Mei-Lin Chen',
  user_group: { value: 'FAC', desc: 'Faculty' },
  expiry_date: '2028-08-31Z',
  status: { value: 'ACTIVE', desc: 'Active' },
  contact_info: {
    address: [],
    email: [
      { email_address: 'mchen@old.northfield.edu', preferred: false, email_type: [{ value: 'work' }] },
      { email_address: 'mei-lin.chen@northfield.edu', preferred: true, email_type: [{ value: 'work' }] },
    ],
    phone: [],
  },
  user_identifier: [
    { id_type: { value: 'BARCODE', desc: 'Barcode' }, value: '21234004020749', status: 'ACTIVE', segment_type: 'External' },
    { id_type: { value: 'UNIV_ID', desc: 'University ID' }, value: '900777111', status: 'ACTIVE', segment_type: 'External' },
  ],
  user_block: [
    {
      block_type: { value: 'GENERAL', desc: 'General' },
      block_description: { value: '02', desc: 'Lost library card' },
      block_status: 'ACTIVE',
      block_note: 'Reported 2025-02-28',
      created_by: 'jsmith',
      created_date: '2025-02-28Z',
    },
    {
      block_type: { value: 'GENERAL', desc: 'General' },
      block_description: { value: 'EXPIRY', desc: 'Patron expiry' },
      block_status: 'ACTIVE',
      expiry_date: '2024-12-31Z',
      created_by: 'System',
    },
  ],
};

/** 130 loans: two pages of 100. */
export const almaLoans = Array.from({ length: 130 }, (_, index) => ({
  loan_id: `23${1000 + index}`,
  circ_desk: { value: 'DEFAULT_CIRC_DESK' },
  library: { value: 'MAIN', desc: 'Main Library' },
  user_id: 'mchen',
  item_barcode: `3900002${1000 + index}`,
  due_date: index === 0 ? '2025-03-05T22:59:00Z' : '2025-06-30T22:59:00Z',
  loan_status: 'Active',
  loan_date: '2025-01-15T10:00:00Z',
  title: `Wetland Futures ${index + 1}`,
  author: 'Osei, Kwame',
}));

export const almaRequests = [
  {
    request_id: '83013520000121',
    user_primary_id: 'mchen',
    request_type: 'HOLD',
    request_sub_type: { value: 'PATRON_PHYSICAL', desc: 'Patron physical item request' },
    title: 'River Deltas of the World',
    request_status: 'ON_HOLD_SHELF',
    pickup_location: 'Main Library',
    request_date: '2025-03-01Z',
    expiry_date: '2025-03-15Z',
  },
];

export const almaFees = {
  fee: [
    {
      id: '1234567890001',
      type: { value: 'OVERDUEFINE', desc: 'Overdue fine' },
      status: { value: 'ACTIVE', desc: 'Active' },
      balance: 4.25,
      original_amount: 4.25,
      title: 'Wetland Futures 40',
      creation_time: '2025-02-10T09:00:00Z',
    },
  ],
  total_record_count: 1,
  total_sum: 4.25,
  currency: 'EUR',
};

const unauthorized = () =>
  HttpResponse.json(
    { errorsExist: true, errorList: { error: [{ errorCode: 'UNAUTHORIZED', errorMessage: 'API-key not defined or not configured to allow this API.' }] } },
    { status: 401 },
  );

function isAuthorised(request: Request): boolean {
  return request.headers.get('authorization') === `apikey ${almaApiKey}`;
}

function paged<T>(items: T[], url: URL): T[] {
  const limit = Number(url.searchParams.get('limit') ?? '10');
  const offset = Number(url.searchParams.get('offset') ?? '0');
  return items.slice(offset, offset + limit);
}

const api = `${almaBaseURL}/almaws/v1`;

/** The institution's SRU service and an ISBN its catalogue has. */
export const almaSruURL = 'https://northfield.alma.exlibrisgroup.com/view/sru/01NORTH_INST';
export const almaHeldIsbn = '9780306406157';

function sruResponse(count: number): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?><searchRetrieveResponse xmlns="http://www.loc.gov/zing/srw/"><version>1.2</version><numberOfRecords>${count}</numberOfRecords><records/><extraResponseData xmlns:xb="http://www.exlibris.com/repository/search/xmlbeans/"><xb:exact>true</xb:exact></extraResponseData></searchRetrieveResponse>`;
}

export const almaHandlers = [
  http.get(almaSruURL, ({ request }) => {
    const url = new URL(request.url);
    if (url.searchParams.get('operation') !== 'searchRetrieve' || url.searchParams.get('version') !== '1.2') return HttpResponse.xml('<diagnostics/>', { status: 400 });
    const held = (url.searchParams.get('query') ?? '').split(' or ').includes(`alma.isbn=${almaHeldIsbn}`);
    return HttpResponse.xml(sruResponse(held ? 1 : 0));
  }),
  http.get(`${api}/users`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const url = new URL(request.url);
    const q = url.searchParams.get('q');
    if (q === null) return HttpResponse.json({ user: [{ primary_id: almaUser.primary_id }], total_record_count: 48213 });
    const matches =
      q === `email~${almaUser.contact_info.email[1]!.email_address}` ||
      q === `identifiers~${almaUser.user_identifier[0]!.value}` ||
      q === `primary_id~${almaUser.primary_id}`;
    // Alma leaves the list out entirely when nothing matched.
    return HttpResponse.json(matches ? { user: [{ primary_id: almaUser.primary_id, link: `${api}/users/mchen` }], total_record_count: 1 } : { total_record_count: 0 });
  }),
  http.get(`${api}/users/:id`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    if (params.id !== almaUser.primary_id) {
      return HttpResponse.json({ errorsExist: true, errorList: { error: [{ errorCode: '401861', errorMessage: 'User with identifier was not found.' }] } }, { status: 400 });
    }
    return HttpResponse.json(almaUser);
  }),
  http.get(`${api}/users/:id/loans`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    const mine = params.id === almaUser.primary_id ? almaLoans : [];
    const page = paged(mine, new URL(request.url));
    return HttpResponse.json(page.length > 0 ? { item_loan: page, total_record_count: mine.length } : { total_record_count: mine.length });
  }),
  http.get(`${api}/users/:id/requests`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    const mine = params.id === almaUser.primary_id ? almaRequests : [];
    const page = paged(mine, new URL(request.url));
    return HttpResponse.json(page.length > 0 ? { user_request: page, total_record_count: mine.length } : { total_record_count: 0 });
  }),
  http.get(`${api}/users/:id/fees`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    return HttpResponse.json(params.id === almaUser.primary_id ? almaFees : { total_record_count: 0, total_sum: 0, currency: 'EUR' });
  }),
];
