/**
 * msw handlers for the DOAB REST search (DSpace), as DOAB documents it: GET /rest/search?query=…
 * &expand=metadata answers a JSON array of items (`uuid`, `name`, `handle`, `type: "item"`,
 * `metadata: [{ key, value, language }]`), an empty array when nothing matched.
 */
import { http, HttpResponse } from 'msw';

export const doabBaseURL = 'https://directory.doabooks.org';
export const doabIsbn = '9783110723656';

export const doabItem = {
  uuid: '0fa3f2a5-7b0e-4a3e-9d39-1c7a1e0f0a11',
  name: 'Open Rivers: Water and Memory',
  handle: '20.500.12854/26303',
  type: 'item',
  link: '/rest/items/0fa3f2a5-7b0e-4a3e-9d39-1c7a1e0f0a11',
  expand: ['parentCollection', 'all'],
  lastModified: '2024-05-02 10:11:12.0',
  archived: 'true',
  withdrawn: 'false',
  metadata: [
    { key: 'dc.title', value: 'Open Rivers: Water and Memory', language: null },
    { key: 'dc.identifier.isbn', value: doabIsbn, language: null },
    { key: 'dc.rights', value: 'open access', language: null },
    { key: 'oapen.identifier.downloadUrl', value: 'https://library.oapen.org/bitstream/20.500.12657/26303/1/open-rivers.pdf', language: null },
  ],
};

export const doabHandlers = [
  http.get(`${doabBaseURL}/rest/search`, ({ request }) => {
    const query = new URL(request.url).searchParams.get('query') ?? '';
    const found = query.split(' OR ').includes(`isbn:${doabIsbn}`) || query === 'dc.title:"open access"';
    return HttpResponse.json(found ? [doabItem] : []);
  }),
];
