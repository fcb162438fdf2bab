import { DISCORD_LIMITS } from '../shared/discord-limits.js';
import { escapeMarkdown } from '../shared/escape-markdown.js';
import { pluralize } from '../shared/plural.js';
import { fitLines, truncate } from '../shared/text.js';
import {
  type ItemPlace,
  isUnchanged,
  placeName,
  type RoadmapChangeCounts,
  type RoadmapDiff,
} from './roadmap-diff.js';

/**
 * The counts of a re-import, one phrase each ("2 items added", "1 phase renamed"), leaving out
 * what did not happen. The preview and the reply to Apply both say them with this, so they match.
 */
export function changePhrases(counts: RoadmapChangeCounts, removedNote = ''): string[] {
  const phrases = [
    [counts.added, 'item', 'added'],
    [counts.removed, 'item', 'removed'],
    [counts.renamed, 'item', 'renamed'],
    [counts.moved, 'item', 'moved'],
    [counts.phasesRenamed, 'phase', 'renamed'],
    [counts.phasesAdded, 'phase', 'added'],
    [counts.phasesRemoved, 'phase', 'removed'],
  ] as const;
  const unchanged = [
    ...(counts.unchangedItems > 0 ? [pluralize(counts.unchangedItems, 'item')] : []),
    ...(counts.unchangedPhases > 0 ? [pluralize(counts.unchangedPhases, 'phase')] : []),
  ];
  return [
    ...phrases
      .filter(([count]) => count > 0)
      .map(
        ([count, word, what]) =>
          `${pluralize(count, word)} ${what}${word === 'item' && what === 'removed' ? removedNote : ''}`,
      ),
    ...(unchanged.length > 0 ? [`${unchanged.join(' and ')} unchanged`] : []),
  ];
}

/** Longest name shown in the message itself; the attached file has every name whole. */
const NAME_SHOWN = 100;

/** Names in the message: shortened and escaped. The file keeps the file's own markdown. */
const inMessage = (text: string): string => escapeMarkdown(truncate(text, NAME_SHOWN));
const inFile = (text: string): string => text;

/**
 * Every change of a diff as markdown lines, under a heading per kind, built only when read:
 * escaping is slow on long text, and a message shows only the first few of thousands.
 */
function detailLines(diff: RoadmapDiff, name: (text: string) => string): (() => string)[] {
  const place = (value: ItemPlace) => name(placeName(value));
  const section = <T>(title: string, entries: readonly T[], line: (entry: T) => string) =>
    entries.length === 0 ? [] : [() => `**${title}**`, ...entries.map((entry) => () => `- ${line(entry)}`)];
  return [
    ...section('Phases renamed', diff.phasesRenamed, (phase) => `${name(phase.from)} → ${name(phase.to)}`),
    ...section('Phases added', diff.phasesAdded, name),
    ...section('Phases removed', diff.phasesRemoved, name),
    ...section(
      'Items added',
      diff.added,
      (item) =>
        `${name(item.label)} (${place(item.place)})${item.returning ? ' — back, with the progress members had on it' : ''}`,
    ),
    ...section(
      'Items removed',
      diff.removed,
      (item) =>
        `${name(item.label)} (${place(item.place)}) — ${
          item.membersWithProgress === 0
            ? 'nobody has progress on it'
            : `${pluralize(item.membersWithProgress, 'member')} with progress on it`
        }`,
    ),
    ...section(
      'Items renamed',
      diff.renamed,
      (item) => `${name(item.from)} → ${name(item.to)} (${place(item.place)})`,
    ),
    ...section('Items moved', diff.moved, (item) => {
      const label =
        item.from.label === item.to.label
          ? name(item.to.label)
          : `${name(item.from.label)} → ${name(item.to.label)}`;
      return `${label}: ${place(item.from.place)} → ${place(item.to.place)}`;
    }),
  ];
}

/** The first lines, built until `budget` characters are surely spent, and how many were left unbuilt. */
function firstLines(lines: readonly (() => string)[], budget: number): { built: string[]; unbuilt: number } {
  const built: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used > budget) break;
    const text = line();
    built.push(text);
    used += text.length + 1;
  }
  return { built, unbuilt: lines.length - built.length };
}

export interface ImportPreviewText {
  content: string;
  /** The whole list as a markdown file, when it does not fit the message. */
  file: string | null;
}

export const IMPORT_PREVIEW_FILE = 'import-preview.md';

/**
 * The dry run of a re-import: the counts, then every change. When the list is longer than a
 * message allows, the message keeps the counts and the first lines, and the whole list goes in
 * a file.
 */
export function describeImportPreview(
  diff: RoadmapDiff,
  counts: RoadmapChangeCounts,
  names: { roadmap: string; file: string },
  footer: string,
): ImportPreviewText {
  const withProgress = diff.removed.filter((item) => item.membersWithProgress > 0).length;
  const removedNote =
    withProgress === 0
      ? ' (nobody has progress on them)'
      : ` (members have progress on ${withProgress} of them)`;
  const phrases = isUnchanged(counts)
    ? [`No changes: ${changePhrases(counts).join(', ')}`]
    : changePhrases(counts, removedNote);
  const head = [
    `**Dry run** of importing \`${escapeMarkdown(truncate(names.file, 100))}\` over **${escapeMarkdown(names.roadmap)}**; nothing has changed yet:`,
    ...phrases.map((phrase) => `- ${phrase}`),
  ].join('\n');
  const limit = DISCORD_LIMITS.messageContent;
  const details = detailLines(diff, inMessage);
  const { built, unbuilt } = firstLines(details, limit);
  const whole = [head, '', ...built, '', footer].join('\n');
  if (unbuilt === 0 && whole.length <= limit) return { content: whole, file: null };
  const note = `The whole list is attached as \`${IMPORT_PREVIEW_FILE}\`.`;
  const budget = limit - head.length - footer.length - note.length - 6;
  const shown = fitLines(built, budget, (hidden) => `… and ${pluralize(hidden, 'more line')}`, unbuilt);
  const file = [
    `# Import preview: ${names.roadmap}`,
    '',
    ...detailLines(diff, inFile).map((line) => line()),
    '',
  ].join('\n');
  return { content: [head, '', shown, '', note, footer].join('\n'), file };
}
