import { type ExistingItem, matchRoadmapItems, type RoadmapItemMatching } from './match-items.js';
import type { ParsedItem, ParsedRoadmap } from './parse-roadmap.js';

/** A phase already stored for the roadmap, including ones a previous import retired. */
export interface StoredPhase {
  id: number;
  title: string;
  position: number;
  active: boolean;
}

export interface StoredItem extends ExistingItem {
  label: string;
  topic: string | null;
  phaseId: number;
  /** Members with any progress recorded on the item: what removing it would hide. */
  membersWithProgress: number;
}

/** A roadmap as stored, everything a re-import is compared with. */
export interface StoredRoadmap {
  phases: readonly StoredPhase[];
  items: readonly StoredItem[];
}

/**
 * Where an item sits within its roadmap. Every comparison and every name of a place goes through
 * `placeOf…` and `placeName`, so a finer place (a topic within the phase) is added here alone.
 */
export interface ItemPlace {
  phase: string;
  topic: string | null;
}

export function placeName(place: ItemPlace): string {
  return place.topic ? `${place.phase} · ${place.topic}` : place.phase;
}

function samePlace(a: ItemPlace, b: ItemPlace): boolean {
  return placeName(a) === placeName(b);
}

function placeOfParsed(parsed: Pick<ParsedRoadmap, 'phases'>, item: ParsedItem): ItemPlace {
  return { phase: parsed.phases[item.phaseIndex]?.title ?? '', topic: item.topic };
}

/** A stored item's place, under its phase's title in the file when that phase was renamed. */
function placeOfStored(item: StoredItem, phaseTitle: string = item.phaseTitle): ItemPlace {
  return { phase: phaseTitle, topic: item.topic };
}

export interface PlacedItem {
  label: string;
  place: ItemPlace;
}

export interface AddedItem extends PlacedItem {
  /** An item an earlier import removed, back with the progress members had on it. */
  returning: boolean;
}

export interface RemovedItem extends PlacedItem {
  membersWithProgress: number;
}

export interface RenamedItem {
  from: string;
  to: string;
  place: ItemPlace;
}

/** An item now in another place, its label possibly edited too. */
export interface MovedItem {
  from: PlacedItem;
  to: PlacedItem;
}

export interface PhaseRename {
  from: string;
  to: string;
}

export interface RoadmapDiff {
  /** Which stored item each item of the file continues: progress follows these pairs. */
  matching: RoadmapItemMatching;
  /** For each phase of the file, in order, the stored phase it continues (null: a new phase). */
  phaseIds: (number | null)[];
  phasesRenamed: PhaseRename[];
  phasesAdded: string[];
  phasesRemoved: string[];
  /** In the file's order. */
  added: AddedItem[];
  /** In the stored order. */
  removed: RemovedItem[];
  renamed: RenamedItem[];
  moved: MovedItem[];
  unchangedItems: number;
  unchangedPhases: number;
}

export type RoadmapChangeCounts = Record<
  | 'added'
  | 'removed'
  | 'renamed'
  | 'moved'
  | 'unchangedItems'
  | 'phasesRenamed'
  | 'phasesAdded'
  | 'phasesRemoved'
  | 'unchangedPhases',
  number
>;

function byActiveThenPosition(a: StoredPhase, b: StoredPhase): number {
  return Number(b.active) - Number(a.active) || a.position - b.position;
}

/**
 * Pairs the file's phases with stored ones: first by title (a retired phase of that title comes
 * back), then an unpaired active phase is taken as renamed to the unpaired new phase that most of
 * its matched items went to, so a renamed heading reads as one rename and keeps its phase.
 */
function pairPhases(
  stored: StoredRoadmap,
  parsed: Pick<ParsedRoadmap, 'phases' | 'items'>,
  matching: RoadmapItemMatching,
): (StoredPhase | null)[] {
  const unused = new Set([...stored.phases].sort(byActiveThenPosition));
  const paired: (StoredPhase | null)[] = parsed.phases.map((phase) => {
    const match = [...unused].find((row) => row.title === phase.title) ?? null;
    if (match) unused.delete(match);
    return match;
  });

  const storedItemById = new Map(stored.items.map((item) => [item.id, item]));
  const parsedByKey = new Map(parsed.items.map((item) => [item.key, item]));
  const votes = new Map<string, { old: StoredPhase; newIndex: number; count: number }>();
  const matchedPerPhase = new Map<number, number>();
  const phaseById = new Map(stored.phases.map((phase) => [phase.id, phase]));
  for (const match of matching.matched) {
    const old = storedItemById.get(match.oldId);
    const next = parsedByKey.get(match.newKey);
    const oldPhase = old && phaseById.get(old.phaseId);
    if (!old?.active || !next || !oldPhase?.active || !unused.has(oldPhase)) continue;
    matchedPerPhase.set(oldPhase.id, (matchedPerPhase.get(oldPhase.id) ?? 0) + 1);
    if (paired[next.phaseIndex] !== null) continue;
    const id = `${oldPhase.id}/${next.phaseIndex}`;
    const vote = votes.get(id) ?? { old: oldPhase, newIndex: next.phaseIndex, count: 0 };
    vote.count += 1;
    votes.set(id, vote);
  }
  const ranked = [...votes.values()].sort(
    (a, b) => b.count - a.count || a.old.position - b.old.position || a.newIndex - b.newIndex,
  );
  for (const { old, newIndex, count } of ranked) {
    const majority = count * 2 > (matchedPerPhase.get(old.id) ?? 0);
    if (majority && unused.has(old) && paired[newIndex] === null) {
      paired[newIndex] = old;
      unused.delete(old);
    }
  }
  return paired;
}

/**
 * What re-importing `parsed` over the stored roadmap does, as its readers see it: items added,
 * removed, renamed (label edited in place) or moved (to another place), phases renamed, added or
 * removed, and how much stays as it is. Items are paired by `matchRoadmapItems`; a move is judged
 * after phase renames, so the items of a renamed phase stay where they were.
 */
export function diffRoadmap(
  stored: StoredRoadmap,
  parsed: Pick<ParsedRoadmap, 'phases' | 'items'>,
): RoadmapDiff {
  const matching = matchRoadmapItems(stored.items, parsed);
  const paired = pairPhases(stored, parsed, matching);

  const titleNow = new Map<number, string>();
  const phasesRenamed: PhaseRename[] = [];
  const phasesAdded: string[] = [];
  let unchangedPhases = 0;
  parsed.phases.forEach((phase, index) => {
    const old = paired[index];
    if (old) titleNow.set(old.id, phase.title);
    if (!old?.active) phasesAdded.push(phase.title);
    else if (old.title !== phase.title) phasesRenamed.push({ from: old.title, to: phase.title });
    else unchangedPhases += 1;
  });
  const pairedIds = new Set(paired.flatMap((old) => (old ? [old.id] : [])));
  const phasesRemoved = [...stored.phases]
    .sort(byActiveThenPosition)
    .filter((phase) => phase.active && !pairedIds.has(phase.id))
    .map((phase) => phase.title);

  const storedPlace = (item: StoredItem): ItemPlace => placeOfStored(item, titleNow.get(item.phaseId));
  const storedById = new Map(stored.items.map((item) => [item.id, item]));

  const added: AddedItem[] = [];
  const renamed: RenamedItem[] = [];
  const moved: MovedItem[] = [];
  let unchangedItems = 0;
  const matchedByKey = new Map(matching.matched.map((match) => [match.newKey, match]));
  for (const item of parsed.items) {
    const place = placeOfParsed(parsed, item);
    const match = matchedByKey.get(item.key);
    const old = match && storedById.get(match.oldId);
    if (!old?.active) {
      added.push({ label: item.label, place, returning: old !== undefined });
    } else if (!samePlace(storedPlace(old), place)) {
      moved.push({ from: { label: old.label, place: storedPlace(old) }, to: { label: item.label, place } });
    } else if (old.label !== item.label) {
      renamed.push({ from: old.label, to: item.label, place });
    } else {
      unchangedItems += 1;
    }
  }
  const removed = matching.removed.flatMap((id) => {
    const old = storedById.get(id);
    // A removed item is named where it was: its phase may be renamed or gone.
    return old
      ? [{ label: old.label, place: placeOfStored(old), membersWithProgress: old.membersWithProgress }]
      : [];
  });

  return {
    matching,
    phaseIds: paired.map((old) => old?.id ?? null),
    phasesRenamed,
    phasesAdded,
    phasesRemoved,
    added,
    removed,
    renamed,
    moved,
    unchangedItems,
    unchangedPhases,
  };
}

export function countChanges(diff: RoadmapDiff): RoadmapChangeCounts {
  return {
    added: diff.added.length,
    removed: diff.removed.length,
    renamed: diff.renamed.length,
    moved: diff.moved.length,
    unchangedItems: diff.unchangedItems,
    phasesRenamed: diff.phasesRenamed.length,
    phasesAdded: diff.phasesAdded.length,
    phasesRemoved: diff.phasesRemoved.length,
    unchangedPhases: diff.unchangedPhases,
  };
}

/** Nothing a reader would notice: no item or phase added, removed, renamed or moved. */
export function isUnchanged(counts: RoadmapChangeCounts): boolean {
  return (
    counts.added +
      counts.removed +
      counts.renamed +
      counts.moved +
      counts.phasesRenamed +
      counts.phasesAdded +
      counts.phasesRemoved ===
    0
  );
}

/** The roadmap's size once the changes are applied. */
export function countsAfter(counts: RoadmapChangeCounts): { itemCount: number; phaseCount: number } {
  return {
    itemCount: counts.added + counts.renamed + counts.moved + counts.unchangedItems,
    phaseCount: counts.phasesAdded + counts.phasesRenamed + counts.unchangedPhases,
  };
}
