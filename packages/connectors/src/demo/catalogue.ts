/**
 * The demo catalogue: ~200 fictional books and a few dozen journal articles with valid ISBN-13s,
 * ISSNs and OCLC numbers, which of them Northfield holds, what a vendor charges for them and
 * whether a free copy exists. Titles are made from word lists; any match with a real book is chance.
 */
import { departmentNames, familyNames, givenNames, type Department } from './people.js';
import type { Random } from './random.js';

export interface DemoBook {
  id: string;
  title: string;
  /** As a cataloguer writes it: "Okafor, Amara" or "Okafor, Amara, editor". */
  author: string;
  publisher: string;
  place: string;
  year: number;
  /** ISBN-13, digits only. */
  isbn: string;
  oclcNumber: string;
  subject: Department;
  isHeld: boolean;
  /** What the vendor charges, in US dollars; absent when the vendor has no price. */
  price?: number;
  /** In print and purchasable; undefined when the vendor does not list the book at all. */
  isInPrint?: boolean;
  /** A free, legal copy. */
  openAccessUrl?: string;
}

export interface DemoArticle {
  id: string;
  title: string;
  author: string;
  journal: string;
  issn: string;
  year: number;
  volume: number;
  issue: number;
  pages: string;
  doi: string;
  openAccessUrl?: string;
}

type PublisherKind = 'university press' | 'academic' | 'trade' | 'textbook';

const publishers: { name: string; place: string; registrant: string; kind: PublisherKind }[] = [
  { name: 'Northfield University Press', place: 'Northfield', registrant: '64512', kind: 'university press' },
  { name: 'Aldergrove University Press', place: 'Toronto', registrant: '77309', kind: 'university press' },
  { name: 'Lakeshore Academic', place: 'Chicago', registrant: '89021', kind: 'academic' },
  { name: 'Meridian Scholarly Press', place: 'London', registrant: '91836', kind: 'academic' },
  { name: 'Tamarind House', place: 'Singapore', registrant: '83974', kind: 'academic' },
  { name: 'Harrow & Vale', place: 'New York', registrant: '80417', kind: 'trade' },
  { name: 'Cobalt Street Books', place: 'Minneapolis', registrant: '95560', kind: 'trade' },
  { name: 'Kestrel Learning', place: 'Boston', registrant: '53218', kind: 'textbook' },
];

const themes: Record<Department, string[]> = {
  History: ['Empire', 'Labor', 'Trade', 'Memory', 'Migration', 'Citizenship'],
  Philosophy: ['Moral Luck', 'Attention', 'Trust', 'Personal Identity', 'Testimony'],
  Biology: ['Symbiosis', 'Pollinators', 'Gene Regulation', 'Coral Reefs', 'Microbial Communities'],
  Chemistry: ['Catalysis', 'Green Chemistry', 'Spectroscopy', 'Polymer Design'],
  'Environmental Studies': ['Watersheds', 'Climate Adaptation', 'Wildfire', 'Urban Heat', 'Conservation'],
  'Computer Science': ['Distributed Systems', 'Machine Learning', 'Programming Languages', 'Data Privacy'],
  Mathematics: ['Graph Theory', 'Probability', 'Topology', 'Number Theory'],
  Engineering: ['Infrastructure', 'Bridge Design', 'Renewable Energy', 'Water Treatment'],
  Nursing: ['Patient Safety', 'Palliative Care', 'Community Health', 'Clinical Judgment'],
  Psychology: ['Memory', 'Adolescence', 'Resilience', 'Bilingualism', 'Perception'],
  Economics: ['Inequality', 'Development', 'Central Banking', 'Labor Markets'],
  Sociology: ['Neighborhoods', 'Work', 'Religion', 'Social Movements', 'Families'],
  Education: ['Literacy', 'Assessment', 'Multilingual Classrooms', 'Teacher Education'],
  English: ['the Novel', 'Poetry', 'Translation', 'Print Culture'],
  Music: ['Jazz', 'Opera', 'Sound Recording', 'Folk Song'],
  'Art History': ['Photography', 'Portraiture', 'Textiles', 'Public Monuments'],
};

const sciences = new Set<Department>(['Biology', 'Chemistry', 'Computer Science', 'Mathematics', 'Engineering', 'Nursing']);

const places = [
  'the Colonial Andes', 'Early Modern Venice', 'Postwar Japan', 'the Great Lakes Region', 'West Africa',
  'the Ottoman Balkans', 'Victorian Manchester', 'the American South', 'Southeast Asia', 'the Baltic',
  'Mughal India', 'Contemporary Brazil', 'the Mediterranean', 'the Pacific Northwest', 'Soviet Central Asia',
  'the Caribbean', 'Rural Ireland', 'Aotearoa New Zealand',
];
const titleNouns = [
  'Rivers', 'Borders', 'Salt', 'Ledgers', 'Gardens', 'Harbors', 'Maps', 'Voices', 'Islands', 'Forests', 'Cities',
  'Tides', 'Railways', 'Letters', 'Stone', 'Bread', 'Thresholds', 'Lanterns', 'Bridges', 'Signals', 'Mirrors', 'Seeds',
];
const titleQualities = [
  'Memory', 'Power', 'Belonging', 'Care', 'Exile', 'Plenty', 'Doubt', 'Repair', 'Light', 'Return', 'Silence', 'Time',
  'Promise', 'Change', 'Hope', 'Reason',
];
const adjectives = ['Unfinished', 'Hidden', 'Restless', 'Quiet', 'Shared', 'Invisible', 'Fragile', 'Common', 'Uneven', 'Borrowed', 'Open'];
const singularNouns = ['Archive', 'Classroom', 'Harvest', 'Frontier', 'Laboratory', 'Market', 'Republic', 'Machine', 'Coast', 'Clinic', 'Network'];
const gerunds = ['Reading', 'Mapping', 'Counting', 'Remaking', 'Teaching', 'Measuring', 'Governing', 'Hearing', 'Building', 'Imagining'];

const journals: { title: string; code: string; issnFirst7: string; subject: Department }[] = [
  { title: 'Journal of Watershed Ecology', code: 'jwe', issnFirst7: '2314556', subject: 'Environmental Studies' },
  { title: 'Review of Labour and Migration', code: 'rlm', issnFirst7: '1487302', subject: 'History' },
  { title: 'Northfield Studies in Education', code: 'nse', issnFirst7: '0932184', subject: 'Education' },
  { title: 'Clinical Nursing Quarterly', code: 'cnq', issnFirst7: '1760425', subject: 'Nursing' },
  { title: 'Computational Methods Letters', code: 'cml', issnFirst7: '2049917', subject: 'Computer Science' },
  { title: 'Music and Sound Studies', code: 'mss', issnFirst7: '1598203', subject: 'Music' },
  { title: 'Quarterly Journal of Development Economics', code: 'qjde', issnFirst7: '0871346', subject: 'Economics' },
  { title: 'Cognition and Attention', code: 'cog', issnFirst7: '2260781', subject: 'Psychology' },
];

// Core reads and checks ISBNs but does not make them; the demo invents ISBNs, so it computes
// their check digits itself (library.test.ts checks every one with core's normalizeIsbn).
/** The check digit of the first 12 digits of an ISBN-13 (weights 1, 3, 1, 3…, mod 10). */
function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let index = 0; index < 12; index += 1) sum += Number(first12[index]) * (index % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** Makes the catalogue: `bookCount` books and `articleCount` articles, published up to `currentYear`. */
export function makeCatalogue(random: Random, currentYear: number, bookCount = 200, articleCount = 36) {
  const books: DemoBook[] = [];
  const titles = new Set<string>();
  const isbns = new Set<string>();

  while (books.length < bookCount) {
    const subject = random.pick(departmentNames);
    const isTextbook = random.chance(0.12);
    const publisher = isTextbook ? publishers.find((p) => p.kind === 'textbook')! : random.pick(publishers.filter((p) => p.kind !== 'textbook'));
    const title = isTextbook ? textbookTitle(random, subject) : bookTitle(random, subject);
    if (titles.has(title)) continue;

    const first12 = `9781${publisher.registrant}${String(random.integer(0, 999)).padStart(3, '0')}`;
    const isbn = first12 + isbn13CheckDigit(first12);
    if (isbns.has(isbn)) continue;
    titles.add(title);
    isbns.add(isbn);

    const author = `${random.pick(familyNames)}, ${random.pick(givenNames)}`;
    const isEdited = !isTextbook && random.chance(0.15);
    const vendorListing = random.weighted([
      ['in print', 76],
      ['out of print', 12],
      ['not listed', 12],
    ] as const);
    const book: DemoBook = {
      id: `b${String(books.length + 1).padStart(3, '0')}`,
      title,
      author: isEdited ? `${author}, editor` : author,
      publisher: publisher.name,
      place: publisher.place,
      // Textbooks and trade books in demand are recent; monographs range further back.
      year: currentYear - (isTextbook ? random.integer(0, 4) : random.integer(0, 24)),
      isbn,
      oclcNumber: String(random.integer(100_000_000, 1_999_999_999)),
      subject,
      isHeld: random.chance(0.3),
      isInPrint: vendorListing === 'not listed' ? undefined : vendorListing === 'in print',
    };
    if (vendorListing === 'in print') book.price = priceFor(random, publisher.kind);
    if (random.chance(publisher.kind === 'university press' ? 0.12 : 0.03)) {
      book.openAccessUrl = `https://openbooks.example.org/title/${book.id}-${slug(title).slice(0, 40)}`;
    }
    books.push(book);
  }

  const articles: DemoArticle[] = [];
  for (let index = 0; index < articleCount; index += 1) {
    const journal = random.pick(journals);
    const year = currentYear - random.integer(0, 6);
    const theme = random.pick(themes[journal.subject]);
    const title = random.pick([
      `${random.pick(gerunds)} ${theme}: Evidence from ${random.pick(places)}`,
      `What ${theme} Teaches Us about ${random.pick(titleQualities)}`,
      `${capitalized(theme)} and ${random.pick(themes[journal.subject].filter((other) => other !== theme))}: A Longitudinal Study`,
      `Rethinking ${theme} after ${random.pick(['the Pandemic', 'Deindustrialization', 'the Archive Turn', 'Open Data'])}`,
    ]);
    const article: DemoArticle = {
      id: `a${String(index + 1).padStart(3, '0')}`,
      title,
      author: `${random.pick(familyNames)}, ${random.pick(givenNames)}`,
      journal: journal.title,
      issn: issn(journal.issnFirst7),
      year,
      volume: year - 1990,
      issue: random.integer(1, 4),
      pages: pagesOf(random),
      doi: `10.5555/${journal.code}.${year}.${String(random.integer(1, 9999)).padStart(4, '0')}`,
    };
    // The first always has a free copy: a featured patron's request relies on one.
    if (index === 0 || random.chance(0.35)) article.openAccessUrl = `https://repository.example.org/handle/1957/${random.integer(10_000, 99_999)}`;
    articles.push(article);
  }
  return { books, articles };
}

function bookTitle(random: Random, subject: Department): string {
  const theme = random.pick(themes[subject]);
  const otherTheme = random.pick(themes[subject].filter((other) => other !== theme));
  const main = random.pick([
    () => `${random.pick(titleNouns)} of ${random.pick(titleQualities)}`,
    () => `The ${random.pick(adjectives)} ${random.pick(singularNouns)}`,
    () => `${random.pick(gerunds)} the ${random.pick(singularNouns)}`,
  ])();
  const from = random.integer(1600, 1960);
  // Only a subtitle's first word is capitalized: "Essays on the Novel".
  const subtitles = sciences.has(subject)
    ? [
        `${capitalized(theme)} in a Changing World`,
        `New Approaches to ${theme} and ${otherTheme}`,
        `The Science of ${theme}`,
        `Advances in ${theme}`,
      ]
    : [
        `${capitalized(theme)} in ${random.pick(places)}`,
        `${capitalized(theme)} and ${otherTheme} in ${random.pick(places)}, ${from}–${from + random.integer(20, 80)}`,
        `A History of ${theme} in ${random.pick(places)}`,
        `Essays on ${theme}`,
        `${capitalized(theme)}, ${otherTheme}, and Everyday Life`,
      ];
  return `${main}: ${random.pick(subtitles)}`;
}

function textbookTitle(random: Random, subject: Department): string {
  const theme = random.pick(themes[subject]);
  return random.pick([
    `${capitalized(theme)}: Principles and Practice`,
    `Introduction to ${theme}`,
    `Foundations of ${theme}`,
    `${capitalized(theme)}: A Practical Guide`,
  ]);
}

// Prices as vendors list them, in US dollars: x.95 or whole dollars.
function priceFor(random: Random, kind: PublisherKind): number {
  const [low, high] = {
    'university press': random.chance(0.6) ? [24, 45] : [85, 120],
    academic: [95, 160],
    trade: [17, 32],
    textbook: [120, 210],
  }[kind];
  const dollars = random.integer(low!, high!);
  return random.chance(0.7) ? dollars + 0.95 : dollars;
}

// An ISSN: seven digits and a mod-11 check digit (X for 10), written NNNN-NNNC.
function issn(first7: string): string {
  let sum = 0;
  for (let index = 0; index < 7; index += 1) sum += Number(first7[index]) * (8 - index);
  const check = (11 - (sum % 11)) % 11;
  return `${first7.slice(0, 4)}-${first7.slice(4)}${check === 10 ? 'X' : String(check)}`;
}

function pagesOf(random: Random): string {
  const first = random.integer(1, 600);
  return `${first}–${first + random.integer(8, 35)}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
