/**
 * The contract checker itself: requests Koha would refuse and answers FOLIO would never give are
 * caught, and correct ones pass — so a green FOLIO or Koha suite means something.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cqlFields, findVendorSchemas, loadVendorContract, qFields, uncheckedParts } from './vendor-contract.js';

const root = findVendorSchemas(fileURLToPath(new URL('.', import.meta.url)));
const koha = 'https://koha.example.edu/api/v1';
const okapi = 'https://okapi.example.edu';
const headers = (entries: Record<string, string> = {}) => new Headers(entries);

describe('reading CQL and Koha q filters', () => {
  it('names the fields a CQL query uses, quoted values and cql.allRecords left out', () => {
    expect(cqlFields('userId=="a==b" and status.name==Open sortby dueDate')).toEqual(['userId', 'status.name', 'dueDate']);
    expect(cqlFields('cql.allRecords=1')).toEqual([]);
    expect(cqlFields('personal.email=="x\\" or barcode==\\"1"')).toEqual(['personal.email']);
  });

  it('names the attributes of a Koha q filter, through -or/-and and me. prefixes', () => {
    expect(qFields({ email: 'a@b' })).toEqual(['email']);
    expect(qFields([{ isbn: { '-like': '%1%' } }, { 'me.title': 'x' }])).toEqual(['isbn', 'title']);
    expect(qFields({ '-or': [{ cardnumber: '1' }, { userid: 'x' }] })).toEqual(['cardnumber', 'userid']);
  });
});

describe.skipIf(!root)('the published schemas, read from shared/schemas/vendor', () => {
  const kohaContract = root ? loadVendorContract('koha', root, '/api/v1') : undefined!;
  const folioContract = root ? loadVendorContract('folio', root) : undefined!;
  const kohaRequest = (path: string, embed?: string) =>
    kohaContract.checkRequest('GET', new URL(`${koha}${path}`), headers(embed ? { 'x-koha-embed': embed } : {}), '').map((violation) => violation.message);

  it('refuses the embeds Koha answers 400 to, and accepts the ones each endpoint lists', () => {
    expect(kohaRequest('/checkouts?patron_id=1', 'item.biblio')).toEqual(['x-koha-embed "item.biblio" is not accepted here (Koha answers 400); it accepts issuer, renewals']);
    expect(kohaRequest('/holds?patron_id=1', 'biblio')).toEqual(['x-koha-embed "biblio" is not accepted here (Koha answers 400); it accepts cancellation_requested']);
    expect(kohaRequest('/patrons/1/checkouts?_page=1&_per_page=100', 'item.biblio')).toEqual([]);
    expect(kohaRequest('/ill/requests?q=%7B%7D', 'extended_attributes,biblio')).toEqual([]);
    expect(kohaRequest('/patrons/1/account', 'library')).toEqual(['x-koha-embed "library" is not accepted here (Koha answers 400); it accepts no embeds']);
  });

  it('refuses query parameters an endpoint does not declare, and q filters on attributes its object lacks', () => {
    expect(kohaRequest('/patrons?mail=x')).toEqual(['query parameter "mail" is not declared for this endpoint (Koha answers 400 "Malformed query string")']);
    expect(kohaRequest(`/patrons?q=${encodeURIComponent('{"mail":"x"}')}`)).toEqual([
      'q filters on "mail", which api/v1/swagger/definitions/patron.yaml does not define (Koha answers 400)',
    ]);
    expect(kohaRequest(`/patrons?q=${encodeURIComponent('{"email":"x"}')}&_per_page=2`)).toEqual([]);
    expect(kohaRequest('/patrons/me/checkouts')).toEqual(['path parameter patron_id "me" is not an integer']);
    expect(kohaRequest('/circulation/loans')[0]).toMatch(/^no published koha endpoint/);
  });

  it("holds Koha's answers to its definitions: a hold has no biblio, a checkout needs its due date typed", () => {
    const answer = (path: string, body: unknown) => kohaContract.checkResponse('GET', new URL(`${koha}${path}`), 200, body).map((violation) => violation.message);
    expect(answer('/holds', [{ hold_id: 1, patron_id: 2, biblio_id: 3, biblio: { title: 'x' } }])).toEqual(['answer /* must NOT have additional properties (biblio)']);
    expect(answer('/holds', [{ hold_id: 1, patron_id: 2, biblio_id: 3, status: null }])).toEqual([]);
    expect(answer('/patrons/1/checkouts', [{ checkout_id: 'x', due_date: 'soon' }])).toEqual(['answer /*/checkout_id must be integer', 'answer /*/due_date must match format "date-time"']);
    expect(answer('/patrons', [{ patron_id: 1, surname: 'A', category_id: 'UG' }])).toEqual(["answer /* must have required property 'library_id'"]);
  });

  it('checks the token request against paths/oauth.yaml', () => {
    const token = (body: string) => kohaContract.checkRequest('POST', new URL(`${koha}/oauth/token`), headers(), body).map((violation) => violation.message);
    expect(token('grant_type=client_credentials&client_id=a&client_secret=b')).toEqual([]);
    expect(token('client_id=a&scope=x')).toEqual(['form field "scope" is not declared by paths/oauth.yaml', 'the required form field grant_type is missing']);
    expect(kohaContract.checkResponse('POST', new URL(`${koha}/oauth/token`), 200, { access_token: 'a', token_type: 'Bearer', expires_in: '3600' }).map((v) => v.message)).toEqual([
      'answer /expires_in must be integer',
    ]);
  });

  it('refuses FOLIO CQL on fields the record lacks, ids that are not UUIDs, and records missing required fields', () => {
    const request = (path: string) => folioContract.checkRequest('GET', new URL(`${okapi}${path}`), headers(), '').map((violation) => violation.message);
    expect(request(`/users?query=${encodeURIComponent('personal.email=="a@b"')}`)).toEqual([]);
    expect(request(`/users?query=${encodeURIComponent('email=="a@b"')}`)).toEqual(['CQL names "email", which mod-users/ramls/userdata.json does not define']);
    expect(request(`/circulation/loans?query=${encodeURIComponent('userId=="x" and status.name==Open sortby dueDate')}`)).toEqual([]);
    expect(request('/groups/graduate')).toEqual(['path parameter id "graduate" is not a UUID']);
    const answer = (path: string, body: unknown) => folioContract.checkResponse('GET', new URL(`${okapi}${path}`), 200, body).map((violation) => violation.message);
    expect(answer('/circulation/requests', { requests: [{ id: '6312d172-f0cf-40f6-b27d-9fa8feaf332f', requesterId: '6312d172-f0cf-40f6-b27d-9fa8feaf332f', requestType: 'Hold', requestDate: '2025-03-01T09:00:00.000+00:00' }], totalRecords: 1 })).toEqual([
      "answer /requests/* must have required property 'fulfillmentPreference'",
    ]);
    expect(answer('/search/instances', { totalRecords: 1, instances: [{ id: 'x', title: 'y' }] })).toContain("answer /instances/* must have required property 'holdings'");
  });

  it('lists what it cannot check, with the reason', () => {
    expect(uncheckedParts('koha')).toEqual([
      "GET /biblios answer: Koha's biblio definition is not among the shared schemas",
      "GET /biblios q: Koha's biblio definition is not among the shared schemas",
    ]);
    expect(uncheckedParts('folio')).toContain("POST /authn/login answer: mod-login's loginResponse.json is not among the shared schemas");
  });
});

describe.skipIf(Boolean(root))('without shared/schemas/vendor', () => {
  it('skips the contract checks (no vendor schemas above this checkout)', () => {
    expect(root).toBeUndefined();
  });
});
