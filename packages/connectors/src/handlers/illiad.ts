/**
 * msw handlers for the ILLiad Web Platform, shaped after Atlas Systems' documentation: the key in
 * an `ApiKey` header (401 without it), a user record at /Users/{UserName} and
 * /Users/ExternalUserId/{id} (404 when unknown, with a `Message`), transactions at
 * /Transaction/{TransactionNumber} and the patron's list at /Transaction/UserRequests/{UserName},
 * which takes OData's $filter, $orderby and $top. Field names and the Cleared values are ILLiad's.
 */
import { http, HttpResponse } from 'msw';

export const illiadBaseURL = 'https://illiad.northfield.example.edu/ILLiadWebPlatform';
export const illiadApiKey = '71ed0900-97aa-4157-ad9f-e74bcfa5e709';

export const illiadUser = {
  UserName: 'aokafor',
  ExternalUserId: '21234004000006',
  LastName: 'Okafor',
  FirstName: 'Amara',
  SSN: '900123456',
  Status: 'Graduate',
  EMailAddress: 'amara.okafor@northfield.edu',
  Phone: null,
  Department: 'History',
  NVTGC: 'ILL',
  Cleared: 'Yes',
  Web: true,
  ExpirationDate: '2027-05-31T00:00:00',
  LastChangedDate: '2025-01-12T10:11:12.47',
  AuthType: 'RemoteAuth',
};

export const illiadTransactions = [
  {
    TransactionNumber: 482394,
    Username: 'aokafor',
    RequestType: 'Loan',
    ProcessType: 'Borrowing',
    DocumentType: 'Book',
    LoanTitle: 'The Cartographers of Silence',
    LoanAuthor: 'Mbeki, Thandiwe',
    LoanPublisher: 'Harbourlight Press',
    LoanDate: 'c2021',
    PhotoJournalTitle: null,
    PhotoArticleTitle: null,
    ISSN: '978-0-306-40615-7 (pbk.)',
    ESPNumber: '1234567890',
    DOI: null,
    TransactionStatus: 'Awaiting Request Processing',
    TransactionDate: '2025-03-08T09:15:00',
    CreationDate: '2025-03-08T09:14:52.12',
    DueDate: null,
  },
  {
    TransactionNumber: 482201,
    Username: 'aokafor',
    RequestType: 'Article',
    ProcessType: 'Borrowing',
    DocumentType: 'Article',
    LoanTitle: null,
    PhotoJournalTitle: 'Journal of Delta Studies',
    PhotoArticleTitle: 'Tidal memory and the river towns',
    ISSN: '1234-5679',
    DOI: '10.5555/delta.2019.004',
    TransactionStatus: 'Delivered to Web',
    TransactionDate: '2025-03-02T14:00:00',
    CreationDate: '2025-02-27T11:00:00',
    DueDate: null,
  },
];

const notFound = () => HttpResponse.json({ Message: 'User not found' }, { status: 404 });

function isAuthorised(request: Request): boolean {
  return request.headers.get('apikey') === illiadApiKey;
}
const unauthorized = () => HttpResponse.json({ Message: 'Authorization has been denied for this request.' }, { status: 401 });

export const illiadHandlers = [
  http.get(`${illiadBaseURL}/Users/ExternalUserId/:id`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    return params.id === illiadUser.ExternalUserId ? HttpResponse.json(illiadUser) : notFound();
  }),
  http.get(`${illiadBaseURL}/Users/:username`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    return String(params.username).toLowerCase() === illiadUser.UserName ? HttpResponse.json(illiadUser) : notFound();
  }),
  http.get(`${illiadBaseURL}/Transaction/UserRequests/:username`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    const url = new URL(request.url);
    let mine = illiadTransactions.filter((transaction) => transaction.Username === params.username);
    if (url.searchParams.get('$filter') === "TransactionStatus ne 'Request Finished'") {
      mine = mine.filter((transaction) => transaction.TransactionStatus !== 'Request Finished');
    }
    const top = Number(url.searchParams.get('$top') ?? mine.length);
    return HttpResponse.json(mine.slice(0, top));
  }),
  http.get(`${illiadBaseURL}/Transaction/:number`, ({ request, params }) => {
    if (!isAuthorised(request)) return unauthorized();
    const transaction = illiadTransactions.find((candidate) => String(candidate.TransactionNumber) === params.number);
    return transaction ? HttpResponse.json(transaction) : HttpResponse.json({ Message: 'Transaction not found' }, { status: 404 });
  }),
];
