/**
 * msw handlers for FOLIO (Okapi), shaped after the RAML schemas of mod-login
 * (POST /authn/login-with-expiry: 201, tokens in Set-Cookie, expirations in the body; 422 with
 * `wrong.username.or.wrong.password.or.account.blocked` for a wrong password), mod-users
 * (`{ users, totalRecords }`), mod-circulation (`{ loans | requests, totalRecords }`; a request's
 * `item` copies only the barcode), mod-feesfines (`{ accounts, totalRecords }`,
 * `{ manualblocks, totalRecords }`), mod-patron-blocks (`{ automatedPatronBlocks }`) and mod-search
 * (`{ totalRecords, instances }`, each instance with the lists the spec always sends). The tests hold
 * every answer to those schemas: ids are UUIDs and required fields are present. Every route checks
 * the tenant and token headers as Okapi does; queries are CQL and `limit`/`offset` page.
 */
import { http, HttpResponse } from 'msw';

export const folioBaseURL = 'https://okapi.folio.example.edu';
export const folioTenant = 'northfield';
export const folioCredentials = { username: 'liaison-reader', password: 'folio-s3cret' };
export const folioToken = 'eyJhbGciOiJIUzI1NiJ9.folio-access.sig';

export const folioUser = {
  id: '4f0e711c-d583-41e0-9555-b62f1725023f',
  username: 'aokafor',
  barcode: '21234004000006',
  active: true,
  type: 'patron',
  patronGroup: '503a81cd-6c26-400f-b620-14c08943697c',
  departments: ['d3a1f0c2-7b4e-4f6a-9c1d-2e5b8a7f6c10'],
  expirationDate: '2027-05-31T23:59:59.000+00:00',
  personal: { lastName: 'Okafor', firstName: 'Amara', email: 'amara.okafor@northfield.edu', preferredContactTypeId: '002' },
  metadata: { createdDate: '2021-08-20T14:02:11.000+00:00' },
};

export const folioGroup = { id: folioUser.patronGroup, group: 'graduate', desc: 'Graduate Student' };

/** mod-users departments: `{ departments, totalRecords }`, each with id, name and code. */
export const folioDepartments = [{ id: 'd3a1f0c2-7b4e-4f6a-9c1d-2e5b8a7f6c10', name: 'History', code: 'HIST', usageNumber: 12 }];

/** A version-4 UUID numbered `n` within a family (`kind` is four hex digits), as FOLIO ids look. */
export function folioUuid(kind: string, n: number): string {
  return `${kind}0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** 120 open loans: more than one page of 100. */
export const folioLoans = Array.from({ length: 120 }, (_, index) => ({
  id: folioUuid('10a0', index),
  userId: folioUser.id,
  itemId: folioUuid('17e0', index),
  loanDate: '2025-02-01T10:00:00.000+00:00',
  dueDate: index === 0 ? '2025-03-04T23:59:00.000+00:00' : '2025-04-01T23:59:00.000+00:00',
  action: 'checkedout',
  renewalCount: index % 3,
  status: { name: 'Open' },
  item: {
    title: `Rivers of Memory, volume ${index + 1}`,
    barcode: `3900000${1000 + index}`,
    contributors: [{ name: 'Adeyemi, Folake' }],
    status: { name: 'Checked out' },
  },
  metadata: { createdDate: '2025-02-01T10:00:00.000+00:00' },
}));

export const folioRequests = [
  {
    id: folioUuid('4e90', 1),
    requestType: 'Hold',
    requestLevel: 'Title',
    requestDate: '2025-03-01T09:00:00.000+00:00',
    requesterId: folioUser.id,
    instanceId: folioUuid('1a50', 1),
    status: 'Open - Awaiting pickup',
    fulfillmentPreference: 'Hold Shelf',
    holdShelfExpirationDate: '2025-03-14T23:59:00.000+00:00',
    instance: { title: 'The Salt Roads', identifiers: [] },
    // mod-circulation copies only the barcode into a request's item.
    item: { barcode: '39000005001' },
    pickupServicePointId: folioUuid('5e70', 1),
    pickupServicePoint: { name: 'Main Library Circulation', code: 'main' },
  },
  // An item-level request whose instance copy is missing (an older record): the barcode is what staff can look up.
  {
    id: folioUuid('4e90', 2),
    requestType: 'Recall',
    requestLevel: 'Item',
    requestDate: '2025-03-03T15:30:00.000+00:00',
    requesterId: folioUser.id,
    itemId: folioUuid('17e0', 900),
    status: 'Open - Not yet filled',
    fulfillmentPreference: 'Delivery',
    item: { barcode: '39000007712' },
  },
];

export const folioAccounts = [
  {
    id: folioUuid('acc0', 1),
    amount: 10,
    remaining: 6.5,
    status: { name: 'Open' },
    paymentStatus: { name: 'Paid partially' },
    feeFineType: 'Overdue fine',
    feeFineOwner: 'Main Library',
    title: 'Lanterns of the Delta',
    userId: folioUser.id,
    feeFineId: folioUuid('fee0', 1),
    ownerId: folioUuid('0e10', 1),
    metadata: { createdDate: '2025-02-20T08:00:00.000+00:00' },
  },
];

export const folioManualBlocks = [
  {
    id: folioUuid('b10c', 1),
    type: 'Manual',
    desc: 'Library card reported lost',
    patronMessage: 'Please visit the circulation desk',
    borrowing: true,
    renewals: false,
    requests: true,
    userId: folioUser.id,
  },
  // Expired: no longer applies.
  { id: folioUuid('b10c', 2), type: 'Manual', desc: 'Old block', expirationDate: '2024-01-01T00:00:00.000+00:00', borrowing: true, userId: folioUser.id },
];

export const folioAutomatedBlocks = [
  {
    patronBlockConditionId: 'cf7a0d5f-a327-4ca1-aa9e-dc55ec006b8a',
    blockBorrowing: true,
    blockRenewals: false,
    blockRequests: false,
    message: 'Maximum outstanding fee/fine balance reached',
  },
];

/** ISBN-13 the library holds in inventory. */
export const folioHeldIsbn = '9780306406157';

function page<T>(items: T[], url: URL): { slice: T[]; total: number } {
  const limit = Number(url.searchParams.get('limit') ?? '10');
  const offset = Number(url.searchParams.get('offset') ?? '0');
  return { slice: items.slice(offset, offset + limit), total: items.length };
}

// The value of `field==“…”` in a CQL query, unescaped.
function cqlValue(query: string, field: string): string | undefined {
  const match = new RegExp(`${field.replace('.', '\\.')}=="((?:[^"\\\\]|\\\\.)*)"`).exec(query);
  return match?.[1]?.replace(/\\(.)/g, '$1');
}

const unauthorized = () => new HttpResponse('Token missing, access requires permission: users.collection.get', { status: 401 });

function isAuthorised(request: Request): boolean {
  return request.headers.get('x-okapi-tenant') === folioTenant && request.headers.get('x-okapi-token') === folioToken;
}

/** Permissions the test takes away from the API user; Okapi then answers 403 naming the one missing. */
export const folioMissingPermissions = new Set<string>();

// The permission each route needs (the modules' descriptors), as Okapi names it in a 403.
function lacksPermission(permission: string): Response | undefined {
  if (!folioMissingPermissions.has(permission)) return undefined;
  return new HttpResponse(`Access for user '${folioCredentials.username}' (${folioUuid('05e5', 0)}) requires permission: ${permission}`, {
    status: 403,
    headers: { 'Content-Type': 'text/plain' },
  });
}

export const folioHandlers = [
  http.post(`${folioBaseURL}/authn/login-with-expiry`, async ({ request }) => {
    if (request.headers.get('x-okapi-tenant') !== folioTenant) return new HttpResponse('No such Tenant', { status: 400 });
    const body = (await request.json()) as { username?: string; password?: string };
    if (body.username !== folioCredentials.username || body.password !== folioCredentials.password) {
      return HttpResponse.json(
        // mod-login's own answer, whether the password, the user or the account is wrong.
        { errors: [{ message: 'Wrong username or wrong password or account blocked', type: 'error', code: 'wrong.username.or.wrong.password.or.account.blocked', parameters: [] }] },
        { status: 422 },
      );
    }
    return HttpResponse.json(
      { accessTokenExpiration: '2025-03-10T12:10:00Z', refreshTokenExpiration: '2025-03-17T12:00:00Z' },
      {
        status: 201,
        headers: [
          ['Set-Cookie', `folioAccessToken=${folioToken}; Max-Age=600; Path=/; Secure; HttpOnly; SameSite=None`],
          ['Set-Cookie', 'folioRefreshToken=refresh.token.value; Max-Age=604800; Path=/authn; Secure; HttpOnly; SameSite=None'],
        ],
      },
    );
  }),
  http.get(`${folioBaseURL}/users`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const refused = lacksPermission('users.collection.get');
    if (refused) return refused;
    const url = new URL(request.url);
    const query = url.searchParams.get('query') ?? '';
    const all = query === 'cql.allRecords=1';
    const matches =
      all ||
      cqlValue(query, 'personal.email') === folioUser.personal.email ||
      cqlValue(query, 'barcode') === folioUser.barcode ||
      cqlValue(query, 'username') === folioUser.username;
    const { slice, total } = page(matches ? [folioUser] : [], url);
    return HttpResponse.json({ users: slice, totalRecords: all ? 3 : total, resultInfo: { totalRecords: total, facets: [], diagnostics: [] } });
  }),
  http.get(`${folioBaseURL}/groups/:id`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    const refused = lacksPermission('usergroups.item.get');
    if (refused) return refused;
    return params.id === folioGroup.id ? HttpResponse.json(folioGroup) : new HttpResponse('Not found', { status: 404 });
  }),
  http.get(`${folioBaseURL}/departments`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const refused = lacksPermission('departments.collection.get');
    if (refused) return refused;
    const url = new URL(request.url);
    const query = url.searchParams.get('query') ?? '';
    const { slice, total } = page(folioDepartments.filter((department) => query.includes(`"${department.id}"`)), url);
    return HttpResponse.json({ departments: slice, totalRecords: total });
  }),
  http.get(`${folioBaseURL}/circulation/loans`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const refused = lacksPermission('circulation.loans.collection.get');
    if (refused) return refused;
    const url = new URL(request.url);
    const mine = cqlValue(url.searchParams.get('query') ?? '', 'userId') === folioUser.id ? folioLoans : [];
    const { slice, total } = page(mine, url);
    return HttpResponse.json({ loans: slice, totalRecords: total });
  }),
  http.get(`${folioBaseURL}/circulation/requests`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const refused = lacksPermission('circulation.requests.collection.get');
    if (refused) return refused;
    const url = new URL(request.url);
    const mine = cqlValue(url.searchParams.get('query') ?? '', 'requesterId') === folioUser.id ? folioRequests : [];
    const { slice, total } = page(mine, url);
    return HttpResponse.json({ requests: slice, totalRecords: total });
  }),
  http.get(`${folioBaseURL}/accounts`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const refused = lacksPermission('accounts.collection.get');
    if (refused) return refused;
    const url = new URL(request.url);
    const mine = cqlValue(url.searchParams.get('query') ?? '', 'userId') === folioUser.id ? folioAccounts : [];
    const { slice, total } = page(mine, url);
    return HttpResponse.json({ accounts: slice, totalRecords: total, resultInfo: { totalRecords: total } });
  }),
  http.get(`${folioBaseURL}/manualblocks`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const refused = lacksPermission('manualblocks.collection.get');
    if (refused) return refused;
    const url = new URL(request.url);
    const mine = cqlValue(url.searchParams.get('query') ?? '', 'userId') === folioUser.id ? folioManualBlocks : [];
    const { slice, total } = page(mine, url);
    return HttpResponse.json({ manualblocks: slice, totalRecords: total });
  }),
  http.get(`${folioBaseURL}/automated-patron-blocks/:userId`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    const refused = lacksPermission('automated-patron-blocks.collection.get');
    if (refused) return refused;
    return HttpResponse.json({ automatedPatronBlocks: params.userId === folioUser.id ? folioAutomatedBlocks : [] });
  }),
  http.get(`${folioBaseURL}/search/instances`, ({ request }) => {
    if (!isAuthorised(request)) return unauthorized();
    const refused = lacksPermission('search.instances.collection.get');
    if (refused) return refused;
    const query = new URL(request.url).searchParams.get('query') ?? '';
    const held = query.includes(`isbn=="${folioHeldIsbn}"`);
    return HttpResponse.json({
      totalRecords: held ? 1 : 0,
      instances: held
        ? [{ id: folioUuid('1a50', 7), title: 'Rivers of Memory', tenantId: folioTenant, shared: false, electronicAccess: [], notes: [], items: [], holdings: [] }]
        : [],
    });
  }),
];
