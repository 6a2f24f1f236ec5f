/**
 * The demo library's patrons as records of days relative to "now" (due in 3 days, fined 12 days
 * ago), so the library looks alive whenever it is opened: some loans are always overdue, some
 * always due soon. Three featured patrons have fixed names and situations for the README.
 */
import type { PatronBlock } from '@liaison/core';
import { libraryBarcode } from './barcode.js';
import type { DemoBook } from './catalogue.js';
import { departmentNames, departments, familyNames, givenNames, offices, pickupLocations, type Department, type PatronType } from './people.js';
import type { Random } from './random.js';

export interface DemoLoan {
  bookId: string;
  itemBarcode: string;
  /** Days from today to the due date; negative when overdue. */
  dueInDays: number;
  renewals: number;
}

export interface DemoHold {
  bookId: string;
  status: 'Open - Not yet filled' | 'Open - Awaiting pickup' | 'Open - In transit';
  placedDaysAgo: number;
  pickupLocation: string;
  /** Days left to collect a hold awaiting pickup. */
  expiresInDays?: number;
}

export interface DemoFine {
  /** US dollars. */
  amount: number;
  reason: 'Overdue fine' | 'Lost item replacement' | 'Lost item processing fee' | 'Damaged item';
  bookId?: string;
  daysAgo: number;
}

export interface DemoPatron {
  id: string;
  name: string;
  email: string;
  barcode: string;
  username: string;
  patronType: PatronType;
  affiliation?: string;
  department?: Department;
  liaisonLibrarian?: string;
  expiresInDays: number;
  loans: DemoLoan[];
  holds: DemoHold[];
  fines: DemoFine[];
  blocks: PatronBlock[];
}

/** The three patrons the README names, always present whatever the seed. */
export const featuredPatrons = {
  withLoansFinesAndIll: 'amara.okafor@northfield.edu',
  blocked: 'mateo.reyes@northfield.edu',
  faculty: 'mei-lin.chen@northfield.edu',
} as const;

const scienceDepartments = new Set<string>(['Biology', 'Chemistry', 'Computer Science', 'Mathematics', 'Engineering', 'Nursing', 'Environmental Studies']);

const feeFineLimit = 25; // US dollars owed before borrowing is blocked automatically

const feeFineBlock: PatronBlock = {
  code: 'max-outstanding-fee-fine-balance',
  message: 'Maximum outstanding fee/fine balance reached: borrowing and renewals are blocked',
  source: 'automated',
};
const manualBlocks: PatronBlock[] = [
  { code: 'address-verification', message: "Mail returned: confirm the patron's address before lending", source: 'manual' },
  { code: 'card-reported-lost', message: 'Library card reported lost: check photo ID and issue a new card', source: 'manual' },
];
const expiredBlock: PatronBlock = {
  code: 'registration-expired',
  message: 'Borrowing privileges expired: renew registration at the circulation desk',
  source: 'automated',
};

/** Makes `count` patrons (at least 40), the featured three first. */
export function makePatrons(random: Random, books: DemoBook[], currentYear: number, count = 48): DemoPatron[] {
  const emails = new Set<string>(Object.values(featuredPatrons));
  const patrons: DemoPatron[] = [];
  const nextItemBarcode = () => libraryBarcode('item', random.integer(10_000_000, 99_999_999));
  // Mostly books of the patron's own subject, as a real record would show.
  let subject: Department | undefined;
  const bookFor = () => {
    const ofSubject = subject ? books.filter((book) => book.subject === subject) : [];
    return ofSubject.length > 0 && random.chance(0.7) ? random.pick(ofSubject) : random.pick(books);
  };
  const loanOf = (dueInDays: number, renewals = 0, book = bookFor()): DemoLoan => ({
    bookId: book.id,
    itemBarcode: nextItemBarcode(),
    dueInDays,
    renewals,
  });

  // Amara: a doctoral student with everything at once — an overdue loan, one due in two days,
  // an overdue fine, a hold to collect and ILL requests (made in transactions.ts).
  subject = 'History';
  const amaraOverdue = loanOf(-6, 1);
  patrons.push(
    finish({
      ...identity(0, 'Amara Okafor', featuredPatrons.withLoansFinesAndIll, 'Graduate', 'History', 'History (PhD)'),
      expiresInDays: 420,
      loans: [amaraOverdue, loanOf(2), loanOf(15, 2), loanOf(38)],
      holds: [{ bookId: bookFor().id, status: 'Open - Awaiting pickup', placedDaysAgo: 5, pickupLocation: 'Main Library Circulation Desk', expiresInDays: 4 }],
      fines: [
        { amount: 3.5, reason: 'Overdue fine', bookId: bookFor().id, daysAgo: 41 },
        { amount: 1.5, reason: 'Overdue fine', bookId: amaraOverdue.bookId, daysAgo: 0 },
        { amount: 1.5, reason: 'Damaged item', bookId: bookFor().id, daysAgo: 73 },
      ],
      blocks: [],
    }),
  );

  // Mateo: an undergraduate who lost a book; his balance is over the limit, so he is blocked.
  subject = 'Biology';
  const lost = bookFor();
  patrons.push(
    finish({
      ...identity(1, 'Mateo Reyes', featuredPatrons.blocked, 'Undergraduate', 'Biology', `Biology (class of ${currentYear + 2})`),
      expiresInDays: 510,
      loans: [loanOf(-24, 2), loanOf(-9), loanOf(1)],
      holds: [],
      fines: [
        { amount: 8.25, reason: 'Overdue fine', bookId: bookFor().id, daysAgo: 20 },
        { amount: 68, reason: 'Lost item replacement', bookId: lost.id, daysAgo: 16 },
        { amount: 15, reason: 'Lost item processing fee', bookId: lost.id, daysAgo: 16 },
      ],
      blocks: [],
    }),
  );

  // Mei-Lin: faculty, with long semester loans, holds in progress and ILL requests for a title
  // the library owns and for an article with a free copy.
  subject = 'Environmental Studies';
  patrons.push(
    finish({
      ...identity(2, 'Mei-Lin Chen', featuredPatrons.faculty, 'Faculty', 'Environmental Studies', 'Environmental Studies'),
      expiresInDays: 980,
      loans: [-3, 12, 30, 45, 61, 75, 90, 104, 118].map((days, index) => loanOf(days, index % 3)),
      holds: [
        { bookId: bookFor().id, status: 'Open - In transit', placedDaysAgo: 3, pickupLocation: 'Sciences Library' },
        { bookId: bookFor().id, status: 'Open - Not yet filled', placedDaysAgo: 11, pickupLocation: 'Sciences Library' },
      ],
      fines: [],
      blocks: [],
    }),
  );

  while (patrons.length < Math.max(count, 40)) {
    const patronType = random.weighted<PatronType>([
      ['Undergraduate', 16],
      ['Graduate', 10],
      ['Faculty', 8],
      ['Staff', 5],
      ['Community borrower', 3],
      ['Alumni', 3],
    ]);
    const given = random.pick(givenNames);
    const family = random.pick(familyNames);
    const domain = patronType === 'Alumni' ? 'alumni.northfield.edu' : patronType === 'Community borrower' ? 'example.net' : 'northfield.edu';
    let email = `${given}.${family}@${domain}`.toLowerCase();
    for (let suffix = 2; emails.has(email); suffix += 1) email = `${given}.${family}${suffix}@${domain}`.toLowerCase();
    emails.add(email);

    const department = ['Undergraduate', 'Graduate', 'Faculty'].includes(patronType) ? random.pick(departmentNames) : undefined;
    subject = department;
    const affiliation = affiliationOf(random, patronType, department, currentYear);
    const isFaculty = patronType === 'Faculty';
    const loanCount = {
      Undergraduate: random.integer(0, 4),
      Graduate: random.integer(1, 7),
      Faculty: random.integer(2, 12),
      Staff: random.integer(0, 2),
      'Community borrower': random.integer(0, 2),
      Alumni: random.integer(0, 2),
    }[patronType];
    const loans = Array.from({ length: loanCount }, () => {
      const when = random.weighted([
        ['overdue', 15],
        ['due soon', 20],
        ['later', 65],
      ] as const);
      const dueInDays = when === 'overdue' ? random.integer(-18, -1) : when === 'due soon' ? random.integer(0, 3) : random.integer(4, isFaculty ? 120 : 28);
      return loanOf(dueInDays, random.integer(0, 2));
    });

    const holds: DemoHold[] = random.chance(0.4)
      ? Array.from({ length: random.integer(1, 2) }, () => {
          const status = random.pick(['Open - Not yet filled', 'Open - Awaiting pickup', 'Open - In transit'] as const);
          return {
            bookId: bookFor().id,
            status,
            placedDaysAgo: random.integer(1, 20),
            pickupLocation: random.pick(pickupLocations),
            ...(status === 'Open - Awaiting pickup' ? { expiresInDays: random.integer(1, 7) } : {}),
          };
        })
      : [];

    const fines: DemoFine[] = [];
    for (const loan of loans) {
      if (loan.dueInDays < 0 && !isFaculty && random.chance(0.6)) {
        // 25 cents a day, at most $10 an item.
        fines.push({ amount: Math.min(10, 0.25 * -loan.dueInDays), reason: 'Overdue fine', bookId: loan.bookId, daysAgo: 0 });
      }
    }
    if (random.chance(0.06)) {
      const book = random.pick(books);
      fines.push({ amount: random.integer(35, 90), reason: 'Lost item replacement', bookId: book.id, daysAgo: random.integer(5, 60) });
    }

    const expiresInDays = patronType === 'Community borrower' && random.chance(0.3) ? random.integer(-30, -1) : random.integer(30, isFaculty ? 1100 : 700);
    const blocks: PatronBlock[] = [];
    if (expiresInDays < 0) blocks.push(expiredBlock);
    else if (random.chance(0.05)) blocks.push(random.pick(manualBlocks));

    patrons.push(
      finish({
        ...identity(patrons.length, `${given} ${family}`, email, patronType, department, affiliation),
        id: uuidOf(random),
        expiresInDays,
        loans,
        holds,
        fines,
        blocks,
      }),
    );
  }
  return patrons;
}

type Identity = Pick<DemoPatron, 'id' | 'name' | 'email' | 'barcode' | 'username' | 'patronType' | 'affiliation' | 'department' | 'liaisonLibrarian'>;

// Barcodes depend on the patron's place only, so the README's featured barcodes hold for any seed.
function identity(index: number, name: string, email: string, patronType: PatronType, department: Department | undefined, affiliation: string | undefined): Identity {
  return {
    id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    name,
    email,
    barcode: libraryBarcode('patron', 400_000 + index * 1_037),
    username: email.split('@')[0]!,
    patronType,
    affiliation,
    department,
    liaisonLibrarian: department ? departments[department] : undefined,
  };
}

// The automated block follows from the balance, as an ILS would apply it.
function finish(patron: DemoPatron): DemoPatron {
  const owed = patron.fines.reduce((sum, fine) => sum + fine.amount, 0);
  if (owed >= feeFineLimit && !patron.blocks.some((block) => block.code === feeFineBlock.code)) {
    return { ...patron, blocks: [feeFineBlock, ...patron.blocks] };
  }
  return patron;
}

function affiliationOf(random: Random, patronType: PatronType, department: Department | undefined, currentYear: number): string | undefined {
  switch (patronType) {
    case 'Undergraduate':
      return `${department} (class of ${currentYear + random.integer(0, 3)})`;
    case 'Graduate':
      return `${department} (${random.pick([scienceDepartments.has(department!) ? 'MS' : 'MA', 'PhD'])})`;
    case 'Faculty':
      return department;
    case 'Staff':
      return random.pick(offices);
    case 'Community borrower':
      return 'Northfield resident';
    case 'Alumni':
      return `Alumni Association (class of ${currentYear - random.integer(2, 30)})`;
  }
}

function uuidOf(random: Random): string {
  const hex = (length: number) => Array.from({ length }, () => random.integer(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + random.integer(0, 3)).toString(16)}${hex(3)}-${hex(12)}`;
}
