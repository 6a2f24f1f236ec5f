/**
 * The people of the fictional Northfield University: names (from many languages, so the demo
 * looks like a real campus), departments and their liaison librarians. Any likeness to a real
 * person is chance.
 */

export const givenNames = [
  'Aaliyah', 'Abebe', 'Ahmed', 'Aiko', 'Alejandro', 'Amani', 'Ana', 'Anders', 'Aroha', 'Ayesha',
  'Bashir', 'Beatriz', 'Camille', 'Chidi', 'Chloe', 'Dafne', 'Daniel', 'Dmitri', 'Elif', 'Emeka',
  'Esther', 'Farah', 'Fatima', 'Gabriel', 'Grace', 'Hamza', 'Hana', 'Ines', 'Isaac', 'Jamal',
  'Jia', 'Jonah', 'Kalani', 'Kavya', 'Keanu', 'Laila', 'Leon', 'Lucia', 'Malik', 'Marisol',
  'Maya', 'Nadia', 'Naledi', 'Niamh', 'Noah', 'Oluwaseun', 'Omar', 'Paulo', 'Priyanka', 'Rafael',
  'Rania', 'Rohan', 'Ruth', 'Sakura', 'Samuel', 'Sana', 'Santiago', 'Sione', 'Sofia', 'Tariq',
  'Thandiwe', 'Theo', 'Valentina', 'Wei', 'Xochitl', 'Yara', 'Yusuf', 'Zainab', 'Zhen', 'Zoe',
] as const;

export const familyNames = [
  'Abara', 'Adeyemi', 'Alvarez', 'Andersson', 'Bakshi', 'Bergstrom', 'Castillo', 'Chowdhury', 'Dang', 'Demir',
  'Dlamini', 'Eze', 'Fitzgerald', 'Fonoti', 'Gallagher', 'Goldberg', 'Haddad', 'Hernandez', 'Ibrahim', 'Iyer',
  'Jensen', 'Kahale', 'Kamau', 'Kim', 'Kowalski', 'Lam', 'Lindgren', 'Mahlangu', 'Martins', 'Mendoza',
  'Morales', 'Nakamura', 'Nguyen', 'Novak', 'Obi', 'Ortiz', 'Osei', 'Park', 'Petrova', 'Quispe',
  'Rahman', 'Ramirez', 'Rossi', 'Said', 'Sato', 'Schmidt', 'Sharma', 'Silva', 'Soto', 'Suleiman',
  'Tan', 'Tautahi', 'Torres', 'Tran', 'Uchenna', 'Varga', 'Wallace', 'Wang', 'Yilmaz', 'Zhou',
] as const;

/** Departments and the subject liaison librarian of each. */
export const departments = {
  History: 'Rosa Delgado',
  Philosophy: 'Rosa Delgado',
  Biology: 'Tomasz Nowak',
  Chemistry: 'Tomasz Nowak',
  'Environmental Studies': 'Tomasz Nowak',
  'Computer Science': 'Priya Raman',
  Mathematics: 'Priya Raman',
  Engineering: 'Priya Raman',
  Nursing: 'Hannah Lindqvist',
  Psychology: 'Hannah Lindqvist',
  Economics: 'Kwame Mensah',
  Sociology: 'Kwame Mensah',
  Education: 'Kwame Mensah',
  English: 'Yuki Tanaka',
  Music: 'Yuki Tanaka',
  'Art History': 'Yuki Tanaka',
} as const satisfies Record<string, string>;

export type Department = keyof typeof departments;
export const departmentNames = Object.keys(departments) as Department[];

/** Offices where staff patrons work. */
export const offices = [
  'Office of the Registrar',
  'Facilities Management',
  'Information Technology Services',
  'Student Financial Services',
  'Office of Research',
  'University Libraries',
] as const;

export const patronTypes = ['Undergraduate', 'Graduate', 'Faculty', 'Staff', 'Community borrower', 'Alumni'] as const;
export type PatronType = (typeof patronTypes)[number];

export const pickupLocations = ['Main Library Circulation Desk', 'Sciences Library', 'Music & Arts Library'] as const;
