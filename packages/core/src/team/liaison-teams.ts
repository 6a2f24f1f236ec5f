/**
 * Liaison teams: so the library's relationship with a group of patrons (an academic department,
 * a school, a patron group as the ILS reports it) never rests with one person. Each team names a
 * primary liaison and backups; each library department keeps a backup rota beside its lead.
 */
import * as z from 'zod';
import { foldForMatching } from '../handoff/route.js';
import { staffContactSchema } from '../policy/departments.js';
import { slugSchema } from '../policy/slug.js';

/** One entry of `liaison_teams`: who holds the relationship with an affiliation. */
export const liaisonTeamSchema = z.strictObject({
  /** The affiliation as the ILS reports it: FOLIO department, Koha category, Alma user group, Sierra patron type. */
  affiliation: z
    .string()
    .trim()
    .min(1, 'is empty; write the affiliation as the ILS reports it, e.g. "Chemistry"')
    .meta({ examples: ['Chemistry'] }),
  /** Other spellings the ILS may report for the same group ("CHEM", "Dept. of Chemistry"). */
  also_known_as: z.array(z.string().trim().min(1, 'is empty; write another name of the affiliation')).optional(),
  /** The library department whose lead is told when nobody on the team is available. */
  department: slugSchema.optional(),
  primary: staffContactSchema,
  backups: z.array(staffContactSchema).default([]),
});
export type LiaisonTeam = z.output<typeof liaisonTeamSchema>;

/** The `liaison_teams` section: none by default. */
export const liaisonTeamsSchema = z.array(liaisonTeamSchema).default([]);

/** Everyone on a team, the primary first, each once. */
export function teamMembers(team: Pick<LiaisonTeam, 'primary' | 'backups'>): string[] {
  return [...new Set([team.primary, ...team.backups])];
}

/**
 * The team that holds the relationship with a patron of these affiliations: the first team in
 * the policy whose affiliation (or other name) matches any of them, compared without case or accents.
 */
export function liaisonTeamFor(affiliations: readonly string[], teams: readonly LiaisonTeam[]): LiaisonTeam | undefined {
  const wanted = new Set(affiliations.map((affiliation) => foldForMatching(affiliation.trim())).filter((folded) => folded !== ''));
  if (wanted.size === 0) return undefined;
  return teams.find((team) => [team.affiliation, ...(team.also_known_as ?? [])].some((name) => wanted.has(foldForMatching(name.trim()))));
}

/** The teams a person is on (as primary or backup), in policy order. */
export function teamsOf(person: string, teams: readonly LiaisonTeam[]): LiaisonTeam[] {
  return teams.filter((team) => teamMembers(team).includes(person));
}

/** A warning for a policy that is valid but leaves a relationship in one person's hands. */
export interface TeamWarning {
  path: (string | number)[];
  message: string;
  hint: string;
}

/** Teams with no backup (or only the primary again as backup): the relationship rests with one person. */
export function teamsWithoutBackup(teams: readonly LiaisonTeam[]): TeamWarning[] {
  return teams.flatMap((team, index) =>
    teamMembers(team).length > 1
      ? []
      : [
          {
            path: ['liaison_teams', index, 'backups'],
            message: `"${team.affiliation}" has no backup; while ${team.primary} is away nobody covers it`,
            hint: 'name at least one backup who is not the primary liaison',
          },
        ],
  );
}
