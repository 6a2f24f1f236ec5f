/**
 * msw handlers for the Google Books volumes API, shaped after its documented volume resource:
 * `{ kind: "books#volumes", totalItems, items: [{ id, volumeInfo, saleInfo, accessInfo }] }`,
 * `items` left out when nothing matched; `saleInfo.saleability` is FOR_SALE, NOT_FOR_SALE, FREE
 * or FOR_PREORDER, with listPrice/retailPrice `{ amount, currencyCode }` only when for sale.
 */
import { http, HttpResponse } from 'msw';

export const googleBooksBaseURL = 'https://www.googleapis.com/books/v1';
export const googleBooksKey = 'AIzaSyTestKey0123456789';

export const googleVolumes: Record<string, { id: string; title: string; saleInfo: Record<string, unknown> }> = {
  '9780306406157': {
    id: 'zyTCAlFPjgYC',
    title: 'Rivers of Memory',
    saleInfo: {
      country: 'US',
      saleability: 'FOR_SALE',
      isEbook: true,
      listPrice: { amount: 39.99, currencyCode: 'USD' },
      retailPrice: { amount: 31.99, currencyCode: 'USD' },
      buyLink: 'https://play.google.com/store/books/details?id=zyTCAlFPjgYC',
    },
  },
  '9780262033848': { id: 'i-bUBQAAQBAJ', title: 'Print Only', saleInfo: { country: 'US', saleability: 'NOT_FOR_SALE', isEbook: false } },
  '9780131103627': { id: 'free1', title: 'Public Domain Classic', saleInfo: { country: 'US', saleability: 'FREE', isEbook: true } },
};

export const googleBooksHandlers = [
  http.get(`${googleBooksBaseURL}/volumes`, ({ request }) => {
    const url = new URL(request.url);
    const key = url.searchParams.get('key');
    if (key !== null && key !== googleBooksKey) {
      return HttpResponse.json({ error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } }, { status: 400 });
    }
    const isbn = /^isbn:(\d{13})$/.exec(url.searchParams.get('q') ?? '')?.[1];
    const volume = isbn ? googleVolumes[isbn] : undefined;
    if (!volume) return HttpResponse.json({ kind: 'books#volumes', totalItems: 0 });
    return HttpResponse.json({
      kind: 'books#volumes',
      totalItems: 1,
      items: [
        {
          kind: 'books#volume',
          id: volume.id,
          volumeInfo: { title: volume.title, industryIdentifiers: [{ type: 'ISBN_13', identifier: isbn }] },
          saleInfo: volume.saleInfo,
          accessInfo: { country: 'US', viewability: 'PARTIAL' },
        },
      ],
    });
  }),
];
