/**
 * msw handlers for a generic vendor API, the kind a real connector talks to: a title look-up by
 * ISBN (price and availability) and a patron look-up by e-mail behind a bearer token. Tests
 * override single routes with `server.use()` to make the vendor fail in one way at a time.
 */
import { http, HttpResponse } from 'msw';

export const vendorBaseURL = 'https://api.vendor.example/v2';
export const vendorToken = 'test-token-1f2e';

/** One title as the vendor lists it. */
export const vendorTitle = {
  isbn: '9780306406157',
  title: 'Rivers of Memory',
  listPrice: { amount: 42.5, currency: 'USD' },
  availability: 'IN_STOCK',
};

export const vendorHandlers = [
  http.get(`${vendorBaseURL}/titles`, ({ request }) => {
    const isbns = new URL(request.url).searchParams.getAll('isbn');
    return HttpResponse.json({ items: isbns.includes(vendorTitle.isbn) ? [vendorTitle] : [] });
  }),
  http.get(`${vendorBaseURL}/patrons`, ({ request }) => {
    if (request.headers.get('authorization') !== `Bearer ${vendorToken}`) {
      return HttpResponse.json({ error: 'invalid token' }, { status: 401 });
    }
    const email = new URL(request.url).searchParams.get('email');
    return HttpResponse.json({ patrons: email ? [{ id: 'p-1', email, name: 'Test Patron' }] : [] });
  }),
];
