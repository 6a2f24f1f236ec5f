/**
 * Peer review of real work, as help-desk QA tools do it: each week a random sample of resolved
 * hand-offs per department, each given to a reviewer who did not handle it. The draw is seeded,
 * so anyone holding the seed and the same hand-offs can repeat it and audit that it was random.
 */
import type { Handoff } from '../handoff/handoff.js';

/** A resolved hand-off that may be reviewed, and everyone who handled it. */
export interface ReviewCandidate {
  handoffId: string;
  department: string;
  /** Staff ids who acted on it (sender, owner, anyone in its history): never its reviewer. */
  handledBy: readonly string[];
}

export interface PeerReviewAssignment {
  handoffId: string;
  department: string;
  reviewerId: string;
}

export interface PeerReviewDraw {
  assignments: PeerReviewAssignment[];
  /** Sampled hand-offs no reviewer could take, because every reviewer handled them. */
  unassigned: { handoffId: string; department: string; reason: { code: 'no_eligible_reviewer'; message: string } }[];
}

/** Everyone who handled a hand-off: its sender, its owner, and every staff actor in its history. */
export function handledBy(handoff: Pick<Handoff, 'sender' | 'owner' | 'history'>): string[] {
  const ids = new Set<string>([handoff.sender.id]);
  if (handoff.owner) ids.add(handoff.owner);
  for (const event of handoff.history) if (event.actor.kind !== 'system') ids.add(event.actor.id);
  return [...ids].sort();
}

/** FNV-1a, 32 bits, of a text's UTF-8 bytes: a stable number from a string on every machine. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Mulberry32: a small, well-known seeded generator giving numbers in [0, 1). */
function seededRandom(seed: string): () => number {
  let state = stableHash(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Draws up to `perDepartment` hand-offs from each department's candidates with the generator
 * seeded by `seed`, and gives each to an eligible reviewer (one who did not handle it), the
 * least loaded first, ties broken by the same generator. The same inputs always give the same draw.
 */
export function drawPeerReviewSample(input: { candidates: readonly ReviewCandidate[]; reviewerIds: readonly string[]; perDepartment: number; seed: string }): PeerReviewDraw {
  if (!Number.isInteger(input.perDepartment) || input.perDepartment < 1) throw new RangeError(`perDepartment must be a whole number of 1 or more, got ${input.perDepartment}`);
  const random = seededRandom(input.seed);
  const reviewers = [...new Set(input.reviewerIds)].sort();
  const load = new Map(reviewers.map((id) => [id, 0]));
  const byDepartment = new Map<string, ReviewCandidate[]>();
  // Sorted first, so the draw depends on the seed and the set of hand-offs, not the order they were read in.
  for (const candidate of [...input.candidates].sort((a, b) => a.handoffId.localeCompare(b.handoffId))) {
    const list = byDepartment.get(candidate.department);
    if (list) list.push(candidate);
    else byDepartment.set(candidate.department, [candidate]);
  }
  const draw: PeerReviewDraw = { assignments: [], unassigned: [] };
  for (const department of [...byDepartment.keys()].sort()) {
    const pool = byDepartment.get(department)!;
    // Fisher–Yates, stopped once the sample is drawn.
    const size = Math.min(input.perDepartment, pool.length);
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    for (const candidate of pool.slice(0, size)) {
      const eligible = reviewers.filter((id) => !candidate.handledBy.includes(id));
      if (eligible.length === 0) {
        draw.unassigned.push({
          handoffId: candidate.handoffId,
          department,
          reason: { code: 'no_eligible_reviewer', message: 'Every reviewer handled this hand-off; add a reviewer who did not' },
        });
        continue;
      }
      const fewest = Math.min(...eligible.map((id) => load.get(id)!));
      const leastLoaded = eligible.filter((id) => load.get(id) === fewest);
      const reviewerId = leastLoaded[Math.floor(random() * leastLoaded.length)]!;
      load.set(reviewerId, fewest + 1);
      draw.assignments.push({ handoffId: candidate.handoffId, department, reviewerId });
    }
  }
  return draw;
}
