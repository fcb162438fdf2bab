import { escapeMarkdown } from '@discordjs/formatters';
import { DISCORD_LIMITS } from '../shared/discord-limits.js';
import { fitLines, truncate } from '../shared/text.js';
import {
  type ItemPlace,
  isUnchanged,
  placeName,
  type RoadmapChangeCounts,
  type RoadmapDiff,
} from './roadmap-diff.js';

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

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
    ...(counts.unchangedItems > 0 ? [plural(counts.unchangedItems, 'item')] : []),
    ...(counts.unchangedPhases > 0 ? [plural(counts.unchangedPhases, 'phase')] : []),
  ];
  return [
    ...phrases
      .filter(([count]) => count > 0)
      .map(
        ([count, word, what]) =>
          `${plural(count, word)} ${what}${word === 'item' && what === 'removed' ? removedNote : ''}`,
      ),
    ...(unchanged.length > 0 ? [`${unchanged.join(' and ')} unchanged`] : []),
  ];
}

/** Longest label shown in the message itself; the attached file has every label whole. */
const LABEL_SHOWN = 100;

function label(text: string, max: number): string {
  return escapeMarkdown(truncate(text, max));
}

function place(value: ItemPlace, max: number): string {
  return label(placeName(value), max);
}

/** Every change of a diff as markdown lines, under a heading per kind; `max` shortens names. */
function detailLines(diff: RoadmapDiff, max: number): string[] {
  const section = <T>(title: string, entries: readonly T[], line: (entry: T) => string): string[] =>
    entries.length === 0 ? [] : [`**${title}**`, ...entries.map((entry) => `- ${line(entry)}`)];
  return [
    ...section(
      'Phases renamed',
      diff.phasesRenamed,
      (phase) => `${label(phase.from, max)} → ${label(phase.to, max)}`,
    ),
    ...section('Phases added', diff.phasesAdded, (title) => label(title, max)),
    ...section('Phases removed', diff.phasesRemoved, (title) => label(title, max)),
    ...section(
      'Items added',
      diff.added,
      (item) =>
        `${label(item.label, max)} (${place(item.place, max)})${item.returning ? ' — back, with the progress members had on it' : ''}`,
    ),
    ...section(
      'Items removed',
      diff.removed,
      (item) =>
        `${label(item.label, max)} (${place(item.place, max)}) — ${
          item.membersWithProgress === 0
            ? 'nobody has progress on it'
            : `${plural(item.membersWithProgress, 'member')} with progress on it`
        }`,
    ),
    ...section(
      'Items renamed',
      diff.renamed,
      (item) => `${label(item.from, max)} → ${label(item.to, max)} (${place(item.place, max)})`,
    ),
    ...section('Items moved', diff.moved, (item) => {
      const name =
        item.from.label === item.to.label
          ? label(item.to.label, max)
          : `${label(item.from.label, max)} → ${label(item.to.label, max)}`;
      return `${name}: ${place(item.from.place, max)} → ${place(item.to.place, max)}`;
    }),
  ];
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
  const details = detailLines(diff, LABEL_SHOWN);
  const whole = [head, '', ...details, '', footer].join('\n');
  if (whole.length <= DISCORD_LIMITS.messageContent) return { content: whole, file: null };
  const note = `The whole list is attached as \`${IMPORT_PREVIEW_FILE}\`.`;
  const budget = DISCORD_LIMITS.messageContent - head.length - footer.length - note.length - 6;
  const shown = fitLines(details, budget, (hidden) => `… and ${plural(hidden, 'more line')}`);
  const file = [
    `# Import preview: ${names.roadmap}`,
    '',
    ...detailLines(diff, Number.POSITIVE_INFINITY),
    '',
  ].join('\n');
  return { content: [head, '', shown, '', note, footer].join('\n'), file };
}
