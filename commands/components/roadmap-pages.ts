import type { AppContext } from '../../src/context.js';
import { waymarkEmbed } from '../../src/discord/embeds.js';
import {
  chunkLines,
  clampPage,
  PAGE_DESCRIPTION_LIMIT,
  type PagedView,
} from '../../src/discord/pagination.js';
import {
  findFollowedRoadmap,
  findMemberStatuses,
  listActiveItems,
} from '../../src/roadmaps/followed-roadmap.js';
import { renderProgressBar } from '../../src/roadmaps/progress-bar.js';
import {
  nextUpField,
  overallLine,
  phaseItemLines,
  phaseOverviewLines,
  phaseTitleText,
  summarizePhases,
} from '../../src/roadmaps/render-progress.js';
import {
  findRoadmapById,
  listActivePhases,
  listRoadmapSummaries,
} from '../../src/roadmaps/roadmap-queries.js';
import { DISCORD_LIMITS } from '../../src/shared/discord-limits.js';
import { escapeMarkdown } from '../../src/shared/escape-markdown.js';
import { pluralize } from '../../src/shared/plural.js';
import { truncate } from '../../src/shared/text.js';
import { UserError } from '../../src/shared/user-error.js';
import { NO_ROADMAP } from '../options/item-option.js';

export const ROADMAP_COMMAND = 'roadmap';

export type RoadmapPagesState =
  | { kind: 'list'; guildId: string; userId: string }
  | {
      kind: 'progress';
      guildId: string;
      roadmapId: number;
      memberId: string;
      memberName: string;
      phaseId: number | null;
    };

function page(lines: readonly string[], index: number, limit = PAGE_DESCRIPTION_LIMIT) {
  const pages = chunkLines(lines, limit);
  const current = clampPage(index, pages.length);
  return { text: (pages[current] ?? []).join('\n'), pageCount: pages.length, current };
}

async function renderList(
  ctx: AppContext,
  state: Extract<RoadmapPagesState, { kind: 'list' }>,
  index: number,
) {
  const [summaries, followed] = await Promise.all([
    listRoadmapSummaries(ctx.db, state.guildId),
    findFollowedRoadmap(ctx.db, state.guildId, state.userId),
  ]);
  const lines = summaries.map((roadmap) => {
    const marks = [
      roadmap.is_default === 1 ? 'server default' : null,
      roadmap.id === followed?.id ? 'you follow it' : null,
    ].filter((mark) => mark !== null);
    const heading = [`**${escapeMarkdown(truncate(roadmap.name, 100))}**`, ...marks].join(' · ');
    const title = roadmap.title ? `${escapeMarkdown(truncate(roadmap.title, 150))} · ` : '';
    const counts = `${pluralize(roadmap.item_count, 'item')} · ${pluralize(roadmap.follower_count, 'follower')}`;
    return `${heading}\n${title}${counts}`;
  });
  const shown = page(lines, index);
  const embed = waymarkEmbed()
    .setTitle('Roadmaps on this server')
    .setDescription(lines.length > 0 ? shown.text : NO_ROADMAP);
  return { embed, pageCount: shown.pageCount };
}

async function renderProgress(
  ctx: AppContext,
  state: Extract<RoadmapPagesState, { kind: 'progress' }>,
  index: number,
) {
  const roadmap = await findRoadmapById(ctx.db, state.guildId, state.roadmapId);
  if (!roadmap) throw new UserError('That roadmap no longer exists. Run `/roadmap view` again.');
  const [phases, items, statuses] = await Promise.all([
    listActivePhases(ctx.db, roadmap.id),
    listActiveItems(ctx.db, roadmap.id),
    findMemberStatuses(ctx.db, state.memberId, roadmap.id),
  ]);
  const statusOf = (itemId: number) => statuses.get(itemId) ?? 'todo';
  const summaries = summarizePhases(phases, items, statusOf);
  const who = state.memberName;

  if (state.phaseId === null) {
    const header = overallLine(summaries);
    const shown = page(phaseOverviewLines(summaries), index, PAGE_DESCRIPTION_LIMIT - header.length - 2);
    const embed = waymarkEmbed()
      .setTitle(truncate(`${who} · ${roadmap.title ?? roadmap.name}`, DISCORD_LIMITS.embedTitle))
      .setDescription(`${header}\n\n${shown.text}`)
      .addFields(nextUpField(items, statusOf))
      .setFooter({ text: 'Percent complete = (done + skipped) / items' });
    return { embed, pageCount: shown.pageCount };
  }

  const summary = summaries.find((candidate) => candidate.phase.id === state.phaseId);
  if (!summary)
    throw new UserError('That phase is no longer part of the roadmap. Run `/roadmap view` again.');
  const header = `**${phaseTitleText(summary.phase.title)}**\n${renderProgressBar(summary.finished, summary.total)}`;
  const phaseItems = items.filter((item) => item.phase_id === summary.phase.id);
  const shown = page(phaseItemLines(phaseItems, statusOf), index, PAGE_DESCRIPTION_LIMIT - header.length - 2);
  const embed = waymarkEmbed()
    .setTitle(truncate(`${who} · ${roadmap.title ?? roadmap.name}`, DISCORD_LIMITS.embedTitle))
    .setDescription(`${header}\n\n${shown.text}`)
    .setFooter({ text: '✅ done · 📖 learning · ⏭️ skipped · ⬜ to do' });
  return { embed, pageCount: shown.pageCount };
}

/** The paginated views of /roadmap: the server's roadmaps, and a member's progress. */
export const roadmapPages: PagedView<RoadmapPagesState> = {
  command: ROADMAP_COMMAND,
  async render(ctx, state, index) {
    return state.kind === 'list' ? renderList(ctx, state, index) : renderProgress(ctx, state, index);
  },
};
