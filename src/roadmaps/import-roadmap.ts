import type { Db } from '../db/connection.js';
import type { Roadmap } from '../db/schema.js';
import { escapeMarkdown } from '../shared/escape-markdown.js';
import { pluralize } from '../shared/plural.js';
import { truncate } from '../shared/text.js';
import { UserError } from '../shared/user-error.js';
import { changePhrases } from './describe-changes.js';
import type { ParsedRoadmap } from './parse-roadmap.js';
import { parseRoadmapIsolated } from './parse-roadmap-isolated.js';
import { countsAfter, isUnchanged } from './roadmap-diff.js';
import { ROADMAP_LIMITS } from './roadmap-limits.js';
import { RoadmapParseError } from './roadmap-parse-error.js';
import { findRoadmapByName, listRoadmapSummaries } from './roadmap-queries.js';
import { createRoadmap, type ImportOutcome, type RoadmapImport, reimportRoadmap } from './store-roadmap.js';

export const ROADMAP_NAME_MAX = 100;

export interface RoadmapAttachment {
  name: string;
  size: number;
  contentType: string | null;
}

/** File name endings people give markdown, whatever content type their client attached. */
const TEXT_EXTENSIONS = /\.(md|markdown|mdown|mkd|txt)$/iu;

/**
 * Refuses a file before downloading it, from what Discord tells about it. Discord leaves the
 * content type out for some uploads, and some clients call `.md` files `application/octet-stream`,
 * so a markdown file name is enough; the parser still refuses bytes that are not UTF-8 text.
 */
export function checkRoadmapAttachment(attachment: RoadmapAttachment): void {
  if (attachment.size > ROADMAP_LIMITS.maxBytes) {
    const size = (attachment.size / 1_048_576).toFixed(1);
    throw new UserError(`That file is too large (${size} MB); a roadmap can be at most 1 MB.`);
  }
  const type = attachment.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const looksLikeText = type === '' || type.startsWith('text/') || TEXT_EXTENSIONS.test(attachment.name);
  if (!looksLikeText) {
    throw new UserError(
      `That file is not markdown (it is \`${truncate(type, 60)}\`). Upload a \`.md\` file.`,
    );
  }
}

/** The roadmap name an import uses: the `name` option, else the file name without extension. */
export function roadmapNameFor(option: string | null, fileName: string): string {
  const name = (option ?? fileName.replace(/\.[^.]*$/u, '')).trim();
  if (name === '') throw new UserError('Give the roadmap a name with the `name` option.');
  return truncate(name, ROADMAP_NAME_MAX);
}

const DOWNLOAD_FAILED = 'I could not download that file from Discord. Try uploading it again.';

export async function downloadAttachment(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new UserError(DOWNLOAD_FAILED, { cause });
  }
  if (!response.ok) throw new UserError(DOWNLOAD_FAILED);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Parses a roadmap off the main thread with a deadline (an uploaded file may be hostile), its
 * errors turned into refusals the member sees as they are.
 */
export async function parseRoadmapFile(source: string | Uint8Array): Promise<ParsedRoadmap> {
  try {
    return await parseRoadmapIsolated(typeof source === 'string' ? new TextEncoder().encode(source) : source);
  } catch (error) {
    if (error instanceof RoadmapParseError) throw new UserError(error.message);
    throw error;
  }
}

export interface SaveRoadmapInput extends RoadmapImport {
  /**
   * `create`: a new roadmap only (updating one goes through a previewed re-import);
   * `refresh`: create, or update the roadmap of that name at once (templates).
   */
  mode: 'create' | 'refresh';
}

/** Creates the roadmap, or re-imports into the one of the same name when the mode allows it. */
export async function saveRoadmap(db: Db, input: SaveRoadmapInput): Promise<ImportOutcome> {
  const existing = await findRoadmapByName(db, input.guildId, input.name);
  if (!existing) return createRoadmap(db, input);
  if (input.mode === 'create') {
    throw new UserError(
      `This server already has a roadmap named “${escapeMarkdown(input.name)}”. Import again with \`replace:True\` to update it (everyone keeps their progress on items that stay), or pick another \`name\`.`,
    );
  }
  return reimportRoadmap(db, existing, input);
}

/**
 * The roadmap `replace:True` updates: it must exist, since a mistyped name would otherwise become
 * a second full copy; the refusal names the roadmaps there are.
 */
export async function findRoadmapToReplace(db: Db, guildId: string, name: string): Promise<Roadmap> {
  const existing = await findRoadmapByName(db, guildId, name);
  if (existing) return existing;
  const names = (await listRoadmapSummaries(db, guildId, { includeArchived: true })).map(
    (roadmap) => `“${escapeMarkdown(roadmap.name)}”`,
  );
  const listed =
    names.length === 0
      ? 'This server has no roadmap yet: import without `replace` to add one.'
      : `Its roadmaps: ${names.join(', ')}. Give one of these as \`name\`, or import without \`replace\` to add a new roadmap.`;
  throw new UserError(
    `There is no roadmap named “${escapeMarkdown(name)}” to replace, so nothing was changed. ${listed}`,
  );
}

/** The reply to an import: what was created or what changed, and what happened to progress. */
export function describeImport(outcome: ImportOutcome): string {
  const name = `**${escapeMarkdown(outcome.roadmap.name)}**`;
  const { itemCount, phaseCount } = countsAfter(outcome.changes);
  const lines: string[] = [];
  if (outcome.created) {
    lines.push(`Added ${name}: ${pluralize(phaseCount, 'phase')}, ${pluralize(itemCount, 'item')}.`);
    if (outcome.roadmap.is_default === 1) {
      lines.push('It is the server’s default roadmap: members follow it until they choose another.');
    } else {
      lines.push('Members can follow it with `/roadmap follow`.');
    }
  } else {
    const changes = isUnchanged(outcome.changes) ? ['no changes'] : changePhrases(outcome.changes);
    lines.push(`Updated ${name}: ${changes.join(', ')} (${pluralize(itemCount, 'item')} now).`);
    lines.push(
      'Everyone keeps their progress on renamed and moved items; removed items keep it too and get it back if they return.',
    );
  }
  if (outcome.statusesApplied > 0) {
    lines.push(
      `The file’s marks (\`[x]\`, learning, skipped) set your own status on ${pluralize(outcome.statusesApplied, 'item')}.`,
    );
  }
  return lines.join('\n');
}
