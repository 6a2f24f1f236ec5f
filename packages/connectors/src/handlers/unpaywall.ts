/**
 * msw handlers for Unpaywall v2, as documented: GET /v2/{doi}?email=… answers the DOI object
 * (`doi`, `title`, `is_oa`, `oa_status`, `best_oa_location` or null, `oa_locations`); an unknown
 * DOI is 404 with `{ HTTP_status_code: 404, error: true, message }`; no e-mail is 422.
 */
import { http, HttpResponse } from 'msw';

export const unpaywallBaseURL = 'https://api.unpaywall.org';
export const unpaywallEmail = 'ill@northfield.edu';

const openArticle = {
  doi: '10.5555/delta.2019.004',
  doi_url: 'https://doi.org/10.5555/delta.2019.004',
  title: 'Tidal memory and the river towns',
  is_oa: true,
  oa_status: 'green',
  best_oa_location: {
    url: 'https://repository.northfield.edu/bitstream/delta-2019-004.pdf',
    url_for_pdf: 'https://repository.northfield.edu/bitstream/delta-2019-004.pdf',
    url_for_landing_page: 'https://repository.northfield.edu/handle/1/4242',
    license: 'cc-by',
    host_type: 'repository',
    version: 'acceptedVersion',
  },
  oa_locations: [],
  journal_name: 'Journal of Delta Studies',
};

const closedArticle = { doi: '10.5555/closed.1', title: 'A closed article', is_oa: false, oa_status: 'closed', best_oa_location: null, oa_locations: [] };

export const unpaywallHandlers = [
  http.get(`${unpaywallBaseURL}/v2/*`, ({ request }) => {
    const url = new URL(request.url);
    if (!url.searchParams.get('email')) {
      return HttpResponse.json({ HTTP_status_code: 422, error: true, message: 'You must provide an email parameter.' }, { status: 422 });
    }
    const doi = decodeURIComponent(url.pathname.replace(/^\/v2\//, '')).toLowerCase();
    const record = [openArticle, closedArticle, { ...closedArticle, doi: '10.1038/nature12373' }].find((candidate) => candidate.doi === doi);
    return record
      ? HttpResponse.json(record)
      : HttpResponse.json({ HTTP_status_code: 404, error: true, message: `'${doi}' is an invalid doi. See https://doi.org/${doi}` }, { status: 404 });
  }),
];
