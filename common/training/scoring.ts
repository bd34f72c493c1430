/**
 * Scoring an exercise: trainees' bookmarks against the expected incidents (the ground truth).
 * Pure and deterministic; the rules, in order:
 *
 * 1. A bookmark CAN MATCH an incident when it names one of the incident's cameras, its time is in
 *    the incident's window widened by the grace periods [startS − graceBeforeS, endS + graceAfterS],
 *    and its category is the incident's.
 * 2. HITS: each incident is hit by at most one bookmark and each bookmark hits at most one incident
 *    (one keystroke marks one incident, even when windows overlap or the bookmark names several
 *    cameras). Among all such pairings the one with the MOST hits is chosen (a maximum bipartite
 *    matching); where choices remain, incidents are served in order of start and each takes its
 *    earliest bookmark still free. Reaction time = bookmark time − incident start (negative if
 *    the trainee anticipated within graceBeforeS).
 * 3. DUPLICATES: a bookmark left over that names a camera of a hit incident within its window
 *    (any category) marks something already caught: a duplicate, not a false alarm.
 * 4. WRONG CATEGORY: an incident not hit, for which a left-over bookmark names its camera within
 *    its window but with another category: the trainee saw it and misfiled it. The incident counts
 *    as "wrong category" (not hit, not simply missed) and so does that bookmark (earliest first).
 * 5. MISSED: every other incident.
 * 6. FALSE ALARMS: every other bookmark, with the nearest explanation for the trainer:
 *    'wrong-camera' (an incident of that category was under way on another camera),
 *    'outside-window' (that camera and category had an incident, but not then), or 'no-incident'.
 *
 * Each trainee is scored alone against all incidents; "team" pools every bookmark (a second
 * trainee bookmarking an incident already caught adds a duplicate, not a hit).
 */

export interface ScoringIncident {
  id: string;
  cameraIds: readonly string[];
  startS: number;
  endS: number;
  category: string;
}

export interface ScoringBookmark {
  id: string;
  traineeId: string;
  cameraIds: readonly string[];
  categoryId: string;
  atS: number;
}

export interface ScoringWindow {
  graceBeforeS: number;
  graceAfterS: number;
}

export type IncidentOutcome = 'hit' | 'wrong-category' | 'missed';
export type BookmarkOutcome = 'hit' | 'duplicate' | 'wrong-category' | 'false-alarm';
export type FalseAlarmReason = 'wrong-camera' | 'outside-window' | 'no-incident';

export interface IncidentResult {
  incidentId: string;
  outcome: IncidentOutcome;
  /** The hit (or misfiled) bookmark. */
  bookmarkId?: string;
  reactionS?: number;
}

export interface BookmarkResult {
  bookmarkId: string;
  outcome: BookmarkOutcome;
  /** The incident it hit, duplicated or misfiled. */
  incidentId?: string;
  reason?: FalseAlarmReason;
}

export interface ScoreSummary {
  incidents: number;
  bookmarks: number;
  hits: number;
  wrongCategory: number;
  missed: number;
  falseAlarms: number;
  duplicates: number;
  /** hits / incidents (null without incidents). */
  detectionRate: number | null;
  /** hits / (hits + false alarms + wrong category) (null without any of them). */
  precision: number | null;
  meanReactionS: number | null;
  medianReactionS: number | null;
}

export interface Score {
  incidents: IncidentResult[];
  bookmarks: BookmarkResult[];
  summary: ScoreSummary;
}

const inWindow = (b: ScoringBookmark, i: ScoringIncident, w: ScoringWindow) => b.atS >= i.startS - w.graceBeforeS && b.atS <= i.endS + w.graceAfterS;
const onCamera = (b: ScoringBookmark, i: ScoringIncident) => b.cameraIds.some((c) => i.cameraIds.includes(c));

const byTime = (a: ScoringBookmark, b: ScoringBookmark) => a.atS - b.atS || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byStart = (a: ScoringIncident, b: ScoringIncident) => a.startS - b.startS || a.endS - b.endS || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Scores one set of bookmarks (one trainee's, or everyone's for the team) against the incidents. */
export function scoreBookmarks(incidentsIn: readonly ScoringIncident[], bookmarksIn: readonly ScoringBookmark[], window: ScoringWindow): Score {
  const incidents = [...incidentsIn].sort(byStart);
  const bookmarks = [...bookmarksIn].sort(byTime);

  // Rule 2: maximum matching by augmenting paths (Kuhn). Candidates in time order; a free
  // candidate is preferred to re-routing another incident, which keeps early bookmarks matched.
  const candidates = incidents.map((i) => bookmarks.filter((b) => b.categoryId === i.category && onCamera(b, i) && inWindow(b, i, window)));
  const ownerOf = new Map<string, number>(); // bookmark id → incident index
  const matchOf = new Array<ScoringBookmark | undefined>(incidents.length);
  const augment = (k: number, visited: Set<string>): boolean => {
    const list = candidates[k]!;
    const free = list.find((b) => !ownerOf.has(b.id) && !visited.has(b.id));
    if (free) {
      visited.add(free.id);
      ownerOf.set(free.id, k);
      matchOf[k] = free;
      return true;
    }
    for (const b of list) {
      if (visited.has(b.id)) continue;
      visited.add(b.id);
      const owner = ownerOf.get(b.id)!;
      if (augment(owner, visited)) {
        ownerOf.set(b.id, k);
        matchOf[k] = b;
        return true;
      }
    }
    return false;
  };
  incidents.forEach((_, k) => augment(k, new Set()));

  const bookmarkResults = new Map<string, BookmarkResult>();
  const incidentResults: IncidentResult[] = incidents.map((incident, k) => {
    const b = matchOf[k];
    if (!b) return { incidentId: incident.id, outcome: 'missed' };
    bookmarkResults.set(b.id, { bookmarkId: b.id, outcome: 'hit', incidentId: incident.id });
    return { incidentId: incident.id, outcome: 'hit', bookmarkId: b.id, reactionS: round3(b.atS - incident.startS) };
  });

  // Rule 3: duplicates of hit incidents.
  for (const b of bookmarks) {
    if (bookmarkResults.has(b.id)) continue;
    const k = incidents.findIndex((i, idx) => matchOf[idx] !== undefined && onCamera(b, i) && inWindow(b, i, window));
    if (k >= 0) bookmarkResults.set(b.id, { bookmarkId: b.id, outcome: 'duplicate', incidentId: incidents[k]!.id });
  }

  // Rule 4: right camera and time, wrong category.
  incidents.forEach((incident, k) => {
    if (matchOf[k]) return;
    const b = bookmarks.find((x) => !bookmarkResults.has(x.id) && onCamera(x, incident) && inWindow(x, incident, window));
    if (!b) return;
    bookmarkResults.set(b.id, { bookmarkId: b.id, outcome: 'wrong-category', incidentId: incident.id });
    incidentResults[k] = { incidentId: incident.id, outcome: 'wrong-category', bookmarkId: b.id, reactionS: round3(b.atS - incident.startS) };
  });

  // Rule 6: false alarms, explained.
  for (const b of bookmarks) {
    if (bookmarkResults.has(b.id)) continue;
    const sameCategory = incidents.filter((i) => i.category === b.categoryId);
    const reason: FalseAlarmReason = sameCategory.some((i) => inWindow(b, i, window))
      ? 'wrong-camera'
      : sameCategory.some((i) => onCamera(b, i))
        ? 'outside-window'
        : 'no-incident';
    bookmarkResults.set(b.id, { bookmarkId: b.id, outcome: 'false-alarm', reason });
  }

  const results = bookmarks.map((b) => bookmarkResults.get(b.id)!);
  return { incidents: incidentResults, bookmarks: results, summary: summarize(incidentResults, results) };
}

function summarize(incidents: IncidentResult[], bookmarks: BookmarkResult[]): ScoreSummary {
  const count = <T extends { outcome: string }>(list: T[], outcome: string) => list.filter((x) => x.outcome === outcome).length;
  const hits = count(incidents, 'hit');
  const wrongCategory = count(incidents, 'wrong-category');
  const falseAlarms = count(bookmarks, 'false-alarm');
  const reactions = incidents.filter((i) => i.outcome === 'hit').map((i) => i.reactionS!);
  const judged = hits + falseAlarms + count(bookmarks, 'wrong-category');
  return {
    incidents: incidents.length,
    bookmarks: bookmarks.length,
    hits,
    wrongCategory,
    missed: count(incidents, 'missed'),
    falseAlarms,
    duplicates: count(bookmarks, 'duplicate'),
    detectionRate: incidents.length > 0 ? round3(hits / incidents.length) : null,
    precision: judged > 0 ? round3(hits / judged) : null,
    meanReactionS: reactions.length > 0 ? round3(reactions.reduce((a, b) => a + b, 0) / reactions.length) : null,
    medianReactionS: reactions.length > 0 ? round3(median(reactions)) : null,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export interface TraineeScore {
  traineeId: string;
  score: Score;
}

export interface ExerciseScore {
  trainees: TraineeScore[];
  /** Everyone's bookmarks pooled. */
  team: Score;
}

/** Scores each trainee alone, then the team; trainees with no bookmarks still get a row. */
export function scoreExercise(incidents: readonly ScoringIncident[], bookmarks: readonly ScoringBookmark[], traineeIds: readonly string[], window: ScoringWindow): ExerciseScore {
  const ids = [...traineeIds, ...bookmarks.map((b) => b.traineeId).filter((id) => !traineeIds.includes(id))];
  const unique = [...new Set(ids)];
  return {
    trainees: unique.map((traineeId) => ({ traineeId, score: scoreBookmarks(incidents, bookmarks.filter((b) => b.traineeId === traineeId), window) })),
    team: scoreBookmarks(incidents, bookmarks, window),
  };
}
