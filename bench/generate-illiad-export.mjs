// Writes a realistic synthetic ILLiad borrowing-request export for benchmarks and manual runs.
// Usage: node bench/generate-illiad-export.mjs [rows=1000000] [out=bench/data/illiad-<rows>.csv] [seed=20250304]
//
// What makes it realistic (and hard for a parser): mixed document types, titles repeated with a
// long-tail distribution (a few titles requested often, most once), ISBN-10/13 with and without
// hyphens and several per field, messy LoanDate ("c2019", "[2020]", "2018.") and CreationDate
// formats (ILLiad's "3/4/2025 10:15:00 AM", ISO), quoted fields with commas, quotes and line
// breaks, non-ASCII titles, and the optional Held/Price/Available enrichment columns.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** A small seeded generator (mulberry32): the same seed gives the same file. */
function randomSource(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const columns = [
  'TransactionNumber', 'RequestType', 'DocumentType', 'LoanTitle', 'LoanAuthor', 'LoanPublisher', 'LoanPlace',
  'LoanDate', 'LoanEdition', 'ISSN', 'ESPNumber', 'PhotoJournalTitle', 'PhotoArticleTitle', 'Status',
  'TransactionStatus', 'CreationDate', 'Held', 'Price', 'Available',
];

const words = [
  'history', 'theory', 'practice', 'introduction', 'handbook', 'politics', 'economy', 'climate', 'water', 'city',
  'memory', 'migration', 'language', 'music', 'medicine', 'data', 'ethics', 'law', 'education', 'children',
  'religion', 'empire', 'science', 'gender', 'labor', 'art', 'cinema', 'poetry', 'philosophy', 'networks',
  'ocean', 'forest', 'soil', 'energy', 'justice', 'health', 'architecture', 'statistics', 'algebra', 'design',
];
const foreignTitles = [
  'Études sur la mémoire collective', 'Geschichte der Übersetzung', 'Historia de la educación en México',
  '日本近代文学の研究', 'Η ιστορία της φιλοσοφίας', 'История русской литературы', 'Świat według Kiepskich',
  'Ñandutí: tejidos del Paraguay', 'Økonomi og samfund', 'Ça ira: la révolution en chansons',
];
const surnames = ['Smith', 'García', 'Nguyen', 'Müller', 'Okafor', 'Kowalski', 'Tanaka', 'O\'Brien', 'Rossi', 'Dubois'];
const givenNames = ['Ana', 'John', 'Mei', 'Kwame', 'Sofia', 'Lars', 'Priya', 'José', 'Hannah', 'Yusuf'];
const publishers = [
  'Oxford University Press', 'Routledge', 'Springer', 'Cambridge University Press', 'Wiley',
  'University of Chicago Press', 'MIT Press', 'Palgrave Macmillan', 'Éditions Gallimard', 'De Gruyter',
];
const places = ['Oxford', 'New York', 'London', 'Chicago, IL', 'Cambridge, Mass.', 'Paris', 'Berlin'];
const statuses = ['Faculty', 'Graduate', 'Undergraduate', 'Staff', 'Distance Education'];
const transactionStatuses = ['Request Finished', 'Checked Out to Customer', 'Awaiting Request Processing', 'Cancelled by ILL Staff'];
const journals = ['Journal of Library Administration', 'Nature', 'The Lancet', 'College & Research Libraries', 'Revue française de sociologie'];

/** ISBN-13 check digit of 12 digits. */
function isbn13Check(digits) {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}
/** ISBN-10 check character of 9 digits. */
function isbn10Check(digits) {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** Quotes a field when it needs it (comma, quote, line break), doubling inner quotes. */
function csvField(value) {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Everything fixed about one title of the synthetic catalogue, drawn from its own seed. */
function catalogueTitle(index) {
  const random = randomSource(index * 7919 + 17);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const kind = random();
  const documentType =
    kind < 0.55 ? 'Book' : kind < 0.65 ? 'Book Chapter' : kind < 0.9 ? 'Article' : kind < 0.94 ? 'Thesis' : kind < 0.97 ? 'Dissertation' : 'Conference Paper';
  const isArticle = documentType === 'Article' || documentType === 'Conference Paper';
  let title;
  if (random() < 0.04) title = `${pick(foreignTitles)} ${index % 97}`;
  else {
    const w1 = pick(words);
    const w2 = pick(words);
    title = `${w1[0].toUpperCase()}${w1.slice(1)} and ${w2}: ${pick(['a', 'an', 'the'])} ${pick(words)} of ${pick(words)} ${index}`;
  }
  if (random() < 0.05) title = `"${title}", revisited`; // quotes and a comma
  if (random() < 0.004) title = `${title}\nvolume ${1 + (index % 4)}`; // a line break inside the field
  const author = `${pick(surnames)}, ${pick(givenNames)}`;
  const coreDigits = String(index).padStart(9, '0').slice(-9);
  const isbn10 = coreDigits + isbn10Check(coreDigits);
  const twelve = `978${coreDigits}`;
  const isbn13 = twelve + isbn13Check(twelve);
  const year = 1990 + Math.floor(random() * 36);
  const yearStyle = random();
  const loanDate =
    yearStyle < 0.4 ? String(year) : yearStyle < 0.6 ? `c${year}` : yearStyle < 0.7 ? `[${year}]` : yearStyle < 0.8 ? `${year}.` : yearStyle < 0.9 ? `cop. ${year}` : yearStyle < 0.95 ? `${year}-0${1 + (index % 9)}` : '';
  const isbnStyle = random();
  let isbnField = '';
  if (!isArticle && documentType !== 'Thesis' && documentType !== 'Dissertation') {
    const hyphen13 = `978-${coreDigits[0]}-${coreDigits.slice(1, 4)}-${coreDigits.slice(4, 9)}-${isbn13.at(-1)}`;
    isbnField =
      isbnStyle < 0.3 ? isbn13 : isbnStyle < 0.5 ? hyphen13 : isbnStyle < 0.65 ? isbn10 : isbnStyle < 0.8 ? `${isbn13} (pbk.); ${isbn10} (hbk.)` : isbnStyle < 0.9 ? `${hyphen13} / ${isbn10}` : '';
  } else if (isArticle) isbnField = `${String(1000 + (index % 9000))}-${String(1000 + (index % 8999))}`;
  const price = random() < 0.7 ? (15 + random() * 220).toFixed(2) : '';
  const held = random() < 0.1 ? 'yes' : random() < 0.7 ? 'no' : '';
  const available = random() < 0.85 ? 'yes' : random() < 0.5 ? 'no' : '';
  return {
    documentType, isArticle, title, author, publisher: pick(publishers), place: pick(places), loanDate,
    edition: random() < 0.2 ? `${['2nd', '3rd', '4th', '5th'][Math.floor(random() * 4)]} ed.` : '', isbnField, oclc: String(10_000_000 + index * 13),
    journal: pick(journals), price, held, available,
  };
}

/** ILLiad's "M/D/YYYY h:mm:ss AM", or ISO forms, for one instant. */
function creationDate(milliseconds, style) {
  const date = new Date(milliseconds);
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  const h = date.getUTCHours();
  const mi = String(date.getUTCMinutes()).padStart(2, '0');
  const s = String(date.getUTCSeconds()).padStart(2, '0');
  if (style < 0.75) return `${mo}/${d}/${y} ${h % 12 === 0 ? 12 : h % 12}:${mi}:${s} ${h < 12 ? 'AM' : 'PM'}`;
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (style < 0.9) return `${iso} ${String(h).padStart(2, '0')}:${mi}:${s}.${String(date.getUTCMilliseconds()).padStart(3, '0')}`;
  return `${iso}T${String(h).padStart(2, '0')}:${mi}:${s}`;
}

/** Writes `rows` synthetic requests to `path`; resolves to the path. */
export async function generateIllExport({ rows = 1_000_000, path, seed = 20250304 } = {}) {
  const out = path ?? join(here, 'data', `illiad-${rows}.csv`);
  mkdirSync(dirname(out), { recursive: true });
  const random = randomSource(seed);
  const catalogueSize = Math.max(10, Math.floor(rows / 4));
  const stream = createWriteStream(out, { encoding: 'utf8' });
  const write = (text) => (stream.write(text) ? null : new Promise((resolve) => stream.once('drain', resolve)));
  const cache = new Map();
  const start = Date.UTC(2022, 6, 1, 8, 0, 0);
  const spanMilliseconds = 3 * 365 * 86_400_000;
  let buffer = columns.join(',') + '\r\n';
  for (let i = 0; i < rows; i += 1) {
    // Long tail: u^3 piles the draws onto the first (most requested) titles.
    const u = random();
    const index = Math.floor(catalogueSize * u * u * u);
    let title = cache.get(index);
    if (!title) {
      title = catalogueTitle(index);
      if (cache.size > 50_000) cache.clear();
      cache.set(index, title);
    }
    const isLoan = !title.isArticle;
    const when = start + Math.floor((i / rows) * spanMilliseconds) + Math.floor(random() * 3_600_000);
    const fields = [
      String(100_000 + i),
      isLoan ? 'Loan' : 'Article',
      title.documentType,
      isLoan ? title.title : '',
      isLoan ? title.author : '',
      isLoan ? title.publisher : '',
      isLoan ? title.place : '',
      title.loanDate,
      isLoan ? title.edition : '',
      title.isbnField,
      title.oclc,
      isLoan ? '' : title.journal,
      isLoan ? '' : title.title,
      statuses[Math.floor(random() * statuses.length)],
      transactionStatuses[Math.floor(random() * transactionStatuses.length)],
      creationDate(when, random()),
      title.held,
      title.price,
      title.available,
    ];
    buffer += fields.map(csvField).join(',') + '\r\n';
    if (buffer.length > 1 << 16) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const path = await generateIllExport({ rows, path: process.argv[3], seed: Number(process.argv[4] ?? 20250304) });
  console.log(`wrote ${rows} requests to ${path}`);
}
