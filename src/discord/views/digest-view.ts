import { type EmbedBuilder, TimestampStyles } from 'discord.js';
import type {
  DigestActivity,
  DigestTotals,
  MemberActivity,
  PhaseProgress,
} from '../../digest/weekly-activity-queries.js';
import { discordTime, relativeTime } from '../../shared/discord-time.js';
import { escapeMarkdown } from '../../shared/escape-markdown.js';
import { pluralize, pluralWord } from '../../shared/plural.js';
import { fitLines, truncate } from '../../shared/text.js';
import { waymarkEmbed } from '../embeds.js';

/** Discord's embed limits; the digest is one embed and must fit them whatever the week was like. */
export const EMBED_LIMITS = { title: 256, description: 4096, fieldValue: 1024, footer: 2048, total: 6000 };

export const DIGEST_CHART_FILE = 'digest-activity.png';
const FOOTER_PREFIX = 'Waymark weekly digest · ';

/**
 * The footer doubles as the marker that recovery looks for in the channel: it names the
 * week the message was posted for.
 */
export function digestFooter(slotKey: string): string {
  return `${FOOTER_PREFIX}${slotKey}`;
}

export interface DigestView {
  activity: DigestActivity;
  /** A member's display name as plain text (not escaped); never used to mention. */
  displayName(userId: string): string;
  footer: string;
  /** The attached chart's file name, or null when no chart goes with the embed. */
  chartFile: string | null;
}

const NAME_MAX = 32;
const PHASE_MAX = 32;
/** A phase with its percent, e.g. `Object-oriented progr… 45%`: the name gives way, never the number. */
const PHASE_LABEL_MAX = 26;
const LINK_TEXT_MAX = 90;
const PHASES_PER_MEMBER = 2;
/** More phase lines than this would not fit the field anyway; the rest are counted. */
export const MAX_PHASE_LINES = 15;

/**
 * Member-written text as inert text: markdown escaped, and `@everyone` or `<@id>` broken so
 * the embed shows them as written instead of rendering a mention.
 */
function plainText(text: string, max: number): string {
  return escapeMarkdown(truncate(text.replace(/\s+/g, ' ').trim(), max))
    .replace(/@(everyone|here)/g, '@\u200b$1')
    .replace(/<([@#])/g, '<\u200b$1');
}

function linked(text: string, link: string | null): string {
  const label = text.replace(/[[\]]/g, '');
  if (!link || !/^https?:\/\/[^\s)]+$/.test(link)) return label;
  return `[${label}](${link})`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function change(current: number, previous: number): string {
  const delta = current - previous;
  if (delta === 0) return '±0';
  return delta > 0 ? `+${count(delta)}` : `−${count(-delta)}`;
}

const TOTAL_LINES: readonly { emoji: string; total: keyof DigestTotals; one: string; many: string }[] = [
  { emoji: '✅', total: 'itemsCompleted', one: 'item completed', many: 'items completed' },
  { emoji: '📚', total: 'learnings', one: 'learning shared', many: 'learnings shared' },
  { emoji: '🔗', total: 'resources', one: 'resource added', many: 'resources added' },
  { emoji: '🛠️', total: 'projectsUpdated', one: 'project updated', many: 'projects updated' },
  { emoji: '🙋', total: 'feedbackOpened', one: 'feedback request opened', many: 'feedback requests opened' },
  {
    emoji: '🤝',
    total: 'feedbackResolved',
    one: 'feedback request resolved',
    many: 'feedback requests resolved',
  },
  { emoji: '👥', total: 'activeMembers', one: 'active member', many: 'active members' },
];

function totalsLines(totals: DigestTotals, previous: DigestTotals): string[] {
  return TOTAL_LINES.map(({ emoji, total, one, many }) => {
    const value = totals[total];
    return `${emoji} **${count(value)}** ${pluralWord(value, one, many)} (${change(value, previous[total])})`;
  });
}

/** A phase's name and the member's percent in it, the name shortened so the percent always shows. */
export function phaseLabel(title: string, percent: number | null): string {
  const suffix = percent === null ? '' : ` ${percent}%`;
  return `${plainText(title, PHASE_LABEL_MAX - suffix.length)}${suffix}`;
}

/** What a member line says besides items done, in this order; only the non-zero ones show. */
const MEMBER_WORK: readonly {
  count: Exclude<keyof MemberActivity, 'userId' | 'events' | 'itemsDone'>;
  describe: (value: number) => string;
}[] = [
  { count: 'itemsStarted', describe: (value) => `${pluralize(value, 'item')} started` },
  { count: 'learnings', describe: (value) => pluralize(value, 'learning') },
  { count: 'resources', describe: (value) => pluralize(value, 'resource') },
  { count: 'projectsUpdated', describe: (value) => `${pluralize(value, 'project')} updated` },
  { count: 'feedbackGiven', describe: (value) => `feedback given ${count(value)}×` },
  { count: 'feedbackRequested', describe: (value) => `asked for feedback ${count(value)}×` },
  { count: 'goalsDone', describe: (value) => `${pluralize(value, 'goal')} done` },
  { count: 'goalsSet', describe: (value) => `${pluralize(value, 'goal')} set` },
];

/**
 * One member's week, e.g. `**Erin** — 5 items done (Basics 80%) · 2 learnings · feedback
 * given 1× · 🔥 3-week streak`: what they did, by name, never vaguer than the activity log.
 */
export function memberLine(
  member: MemberActivity,
  name: string,
  phases: readonly PhaseProgress[],
  streak: number | undefined,
): string {
  const parts: string[] = [];
  if (member.itemsDone > 0) {
    const shown = phases
      .slice(0, PHASES_PER_MEMBER)
      .map((phase) => phaseLabel(phase.phaseTitle, phase.percent));
    if (phases.length > PHASES_PER_MEMBER) shown.push(`+${phases.length - PHASES_PER_MEMBER}`);
    const where = shown.length > 0 ? ` (${shown.join(', ')})` : '';
    parts.push(`${pluralize(member.itemsDone, 'item')} done${where}`);
  }
  for (const work of MEMBER_WORK) {
    const value = member[work.count];
    if (value > 0) parts.push(work.describe(value));
  }
  // Left: items skipped or set back to do, imported statuses, requests closed, goals missed.
  if (parts.length === 0) parts.push(pluralize(member.events, 'other update'));
  if (streak !== undefined && streak >= 2) parts.push(`🔥 ${streak}-week streak`);
  return `**${plainText(name, NAME_MAX)}** — ${parts.join(' · ')}`;
}

interface Field {
  name: string;
  value: string;
}

/** A member's name as inert bold text, or `A member` for one who keeps their profile private. */
function who(view: DigestView, userId: string): string {
  return view.activity.privateMembers.has(userId)
    ? 'A member'
    : `**${plainText(view.displayName(userId), NAME_MAX)}**`;
}

/** ` — Name` after a learning or request, nothing for a member who keeps their profile private. */
function byline(view: DigestView, userId: string): string {
  return view.activity.privateMembers.has(userId)
    ? ''
    : ` — ${plainText(view.displayName(userId), NAME_MAX)}`;
}

function phasesCompletedField(view: DigestView): Field | null {
  const completed = view.activity.phaseProgress.filter((phase) => phase.completed);
  if (completed.length === 0) return null;
  const lines = completed
    .slice(0, MAX_PHASE_LINES)
    .map(
      (phase) =>
        `🏁 ${who(view, phase.userId)} finished *${plainText(phase.phaseTitle, PHASE_MAX)}* · ${plainText(phase.roadmapName, PHASE_MAX)}`,
    );
  return {
    name: 'Phases completed',
    value: fitLines(
      lines,
      EMBED_LIMITS.fieldValue,
      (hidden) => `…and ${pluralize(hidden, 'more phase')}`,
      completed.length - lines.length,
    ),
  };
}

function learningsField(view: DigestView): Field | null {
  const { learnings, totals } = view.activity;
  if (learnings.length === 0) return null;
  const lines = learnings.map(
    (learning) =>
      `• ${linked(plainText(learning.text ?? 'A learning', LINK_TEXT_MAX), learning.link)}${byline(view, learning.userId)}`,
  );
  return {
    name: 'Learnings this week',
    value: fitLines(
      lines,
      EMBED_LIMITS.fieldValue,
      (hidden) => `…and ${count(hidden)} more in /learnings`,
      Math.max(totals.learnings - learnings.length, 0),
    ),
  };
}

function openFeedbackField(view: DigestView): Field | null {
  const { openFeedback, openFeedbackTotal } = view.activity;
  if (openFeedback.length === 0) return null;
  const lines = openFeedback.map(
    (request) =>
      `• ${linked(plainText(request.topic ?? 'A feedback request', LINK_TEXT_MAX), request.link)}${byline(view, request.userId)}, ${relativeTime(request.openedAt)}`,
  );
  return {
    name: `Waiting for feedback (${openFeedbackTotal})`,
    value: fitLines(
      lines,
      EMBED_LIMITS.fieldValue,
      (hidden) => `…and ${count(hidden)} more in /feedback list`,
      openFeedbackTotal - openFeedback.length,
    ),
  };
}

function membersSection(view: DigestView): string[] {
  const { members, phaseProgress, streaks } = view.activity;
  const phasesByMember = new Map<string, PhaseProgress[]>();
  for (const phase of phaseProgress) {
    const list = phasesByMember.get(phase.userId) ?? [];
    list.push(phase);
    phasesByMember.set(phase.userId, list);
  }
  return members.map((member) =>
    memberLine(
      member,
      view.displayName(member.userId),
      phasesByMember.get(member.userId) ?? [],
      streaks.get(member.userId),
    ),
  );
}

function embedSize(title: string, footer: string, fields: readonly Field[]): number {
  return (
    title.length +
    footer.length +
    fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/**
 * The digest as one embed: totals against last week, who moved forward (by display name,
 * most active first, cut with "and N more"), quiet members as a number only, then phases
 * completed, the week's learnings and requests still waiting. Members who keep their profile
 * private are counted but never named. Sized to Discord's limits
 * whatever the week held.
 */
export function buildDigestEmbed(view: DigestView): EmbedBuilder {
  const { activity } = view;
  const title = 'Weekly digest';
  const fields = [phasesCompletedField(view), learningsField(view), openFeedbackField(view)].filter(
    (field): field is Field => field !== null,
  );
  const period = `${discordTime(activity.period.start, TimestampStyles.LongDate)} → ${discordTime(activity.period.end, TimestampStyles.LongDate)}`;
  const summary =
    activity.totals.activeMembers === 0
      ? ['Nobody logged progress this week. One checked item is enough to show up here next week!']
      : ['**This week** (change vs last week)', ...totalsLines(activity.totals, activity.previousTotals)];
  const quiet =
    activity.quietMembers > 0
      ? [
          `🌙 ${pluralize(activity.quietMembers, 'member was', 'members were')} quiet this week — one small step counts.`,
        ]
      : [];
  const memberLines = membersSection(view);
  const membersHeading = memberLines.length > 0 ? ['**Who moved forward**'] : [];
  const compose = (members: string[]) =>
    [[period], summary, [...membersHeading, ...members], quiet]
      .filter((block) => block.length > 0)
      .map((block) => block.join('\n'))
      .join('\n\n');

  const room = Math.min(EMBED_LIMITS.description, EMBED_LIMITS.total - embedSize(title, view.footer, fields));
  // The member list takes whatever room the fixed parts leave; the newline joining it to its
  // heading is already counted in compose([]).
  const memberBudget = room - compose([]).length - (membersHeading.length > 0 ? 1 : 0);
  const members =
    memberLines.length > 0
      ? [
          fitLines(
            memberLines,
            memberBudget,
            (hidden) => `…and ${pluralize(hidden, 'more active member')}`,
            Math.max(activity.totals.activeMembers - memberLines.length, 0),
          ),
        ]
      : [];

  const embed = waymarkEmbed()
    .setTitle(title)
    .setDescription(compose(members))
    .setFooter({ text: view.footer });
  if (fields.length > 0) embed.addFields(fields);
  if (view.chartFile) embed.setImage(`attachment://${view.chartFile}`);
  return embed;
}
