import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  FeedbackRequest,
  Goal,
  Project,
  ProjectReflection,
  Resource,
  Roadmap,
} from '../../src/db/schema.js';
import { type DigestActivity, EMPTY_TOTALS } from '../../src/digest/weekly-activity-queries.js';
import { waymarkEmbed } from '../../src/discord/embeds.js';
import { chunkLines, PAGE_DESCRIPTION_LIMIT } from '../../src/discord/pagination.js';
import { buildDigestEmbed, DIGEST_CHART_FILE, digestFooter } from '../../src/discord/views/digest-view.js';
import {
  feedbackThreadName,
  renderClosingNote,
  renderFeedbackRequestEmbed,
  renderOpenRequestLine,
} from '../../src/discord/views/feedback-view.js';
import { renderGoalList } from '../../src/discord/views/goals-view.js';
import { renderHelpEmbed, renderWelcomeEmbed } from '../../src/discord/views/help-view.js';
import { renderJourneyEmbed } from '../../src/discord/views/journey-view.js';
import {
  learningListEntry,
  learningPostEmbed,
  learningsPageDescription,
  learningThreadName,
} from '../../src/discord/views/learning-view.js';
import {
  duplicateProjectMessage,
  projectChoiceName,
  projectEmbed,
  projectLine,
} from '../../src/discord/views/project-view.js';
import { type FeedbackRequestInput, parseFeedbackRequest } from '../../src/feedback/feedback-input.js';
import { GOAL_TEXT_MAX_LENGTH } from '../../src/goals/goals.js';
import type { Journey } from '../../src/journey/journey.js';
import { renderNudgeMessage } from '../../src/nudges/nudges.js';
import { buildSetupChecklist } from '../../src/onboarding/setup-checklist.js';
import { describeCheck, describePhaseCompleted } from '../../src/roadmaps/check-item.js';
import { describeImportPreview } from '../../src/roadmaps/describe-changes.js';
import { describeImport, ROADMAP_NAME_MAX } from '../../src/roadmaps/import-roadmap.js';
import {
  nextUpField,
  phaseItemLines,
  phaseOverviewLines,
  summarizePhases,
  type ViewItem,
} from '../../src/roadmaps/render-progress.js';
import { countChanges, diffRoadmap } from '../../src/roadmaps/roadmap-diff.js';
import { PERMISSION_LABELS } from '../../src/shared/discord-permissions.js';
import { markdownLink } from '../../src/shared/markdown-link.js';
import { normalizeUrl } from '../../src/shared/normalize-url.js';
import { mentionCommands } from '../../src/shared/slash-command-mention.js';
import { UserError } from '../../src/shared/user-error.js';
import {
  describeResourceFilter,
  duplicateResourceMessage,
  groupedResourceLines,
} from '../../src/sharing/format-resource.js';
import { parseTags, SHARING_LIMITS } from '../../src/sharing/sharing-input.js';
import {
  BAIT_MENTION_NAMES,
  expectReadableTitle,
  expectSendable,
  FUZZ_RUNS,
  FUZZ_SEED,
  memberText,
} from './member-text.js';

const RUNS = { seed: FUZZ_SEED, numRuns: FUZZ_RUNS };
const AT = '2026-11-26T10:00:00.000Z';
const USER = '123456789012345678';
/** Imported roadmaps bound neither labels nor titles except by the file's 1 MB. */
const ROADMAP_TEXT_MAX = 5_000;

const url = fc
  .webUrl({ withQueryParameters: true, withFragments: true })
  .map((raw) => normalizeUrl(raw))
  .map((result) => (result.ok ? result.url : 'https://example.com/fallback'));
const optionalUrl = fc.option(url, { nil: null });
const tags = memberText(SHARING_LIMITS.tagsInput).map((text) => {
  try {
    return parseTags(text);
  } catch {
    return [];
  }
});

function importedRoadmap(title: string): Roadmap {
  return {
    id: 1,
    guild_id: '1',
    name: 'r',
    title,
    source: 'upload',
    is_default: 1,
    created_by: USER,
    created_at: AT,
    updated_at: AT,
    version: 0,
    archived_at: null,
    archived_by: null,
  };
}

/** Every page of `lines`, joined as the list views join them, fits an embed description. */
function expectPagesFit(lines: readonly string[], header = ''): void {
  for (const page of chunkLines(lines, PAGE_DESCRIPTION_LIMIT - header.length))
    expectSendable({
      embeds: [
        waymarkEmbed()
          .setTitle('List')
          .setDescription(`${header}${page.join('\n')}` || '—'),
      ],
    });
}

describe('fuzz: every text that ends up in a message stays within Discord’s limits', () => {
  it('learning post, its thread name, and a page of /learnings', () => {
    fc.assert(
      fc.property(
        memberText(SHARING_LIMITS.learning, { minLength: 1 }),
        memberText(256, { minLength: 1 }),
        fc.option(
          fc.tuple(
            memberText(ROADMAP_TEXT_MAX, { minLength: 1 }),
            memberText(ROADMAP_TEXT_MAX, { minLength: 1 }),
          ),
        ),
        optionalUrl,
        tags,
        (text, author, item, link, tagList) => {
          const post = learningPostEmbed({
            author: { name: author, iconUrl: 'https://cdn.example.com/a.png' },
            text,
            item: item ? { label: item[0], phaseTitle: item[1] } : null,
            link,
            tags: tagList,
            createdAt: new Date(AT),
          });
          expectSendable({ embeds: [post] });
          expectReadableTitle(learningThreadName(text, BAIT_MENTION_NAMES), 100);
          const learning = {
            id: 1,
            guild_id: '1',
            user_id: USER,
            text,
            link,
            tags: tagList.join(' '),
            item_id: item ? 1 : null,
            item_label: item?.[0] ?? null,
            channel_id: null,
            message_id: null,
            thread_id: null,
            created_at: AT,
          };
          const summary = `Learnings by <@${USER}> · about 📍 ${'x'.repeat(80)} · matching “${'y'.repeat(100)}”`;
          const page = learningsPageDescription([learning, learning, learning, learning], true);
          expectSendable({
            embeds: [waymarkEmbed().setTitle('Learnings').setDescription(`${summary}\n\n${page}`)],
          });
          expect(learningListEntry(learning).length).toBeLessThan(PAGE_DESCRIPTION_LIMIT);
        },
      ),
      RUNS,
    );
  });

  it('project card, its list lines and its autocomplete name', () => {
    const reflection = memberText(SHARING_LIMITS.reflection, { minLength: 1 });
    fc.assert(
      fc.property(
        memberText(SHARING_LIMITS.title, { minLength: 1 }),
        fc.option(memberText(SHARING_LIMITS.description, { minLength: 1 }), { nil: null }),
        fc.option(memberText(SHARING_LIMITS.tech, { minLength: 1 }), { nil: null }),
        optionalUrl,
        optionalUrl,
        fc.array(reflection, { maxLength: 30 }),
        (title, description, tech, repo, demo, reflections) => {
          const project: Project = {
            id: 1,
            guild_id: '1',
            user_id: USER,
            title,
            title_key: title,
            description,
            tech,
            repo_url: repo,
            demo_url: demo,
            status: 'active',
            created_at: AT,
            updated_at: AT,
            duplicate_of: null,
          };
          const rows: ProjectReflection[] = reflections.map((text, index) => ({
            id: index,
            project_id: 1,
            text,
            created_at: AT,
          }));
          const card = projectEmbed(project, rows, BAIT_MENTION_NAMES);
          expectSendable({ content: 'Updated, and your reflection is added.', embeds: [card] });
          expectReadableTitle(card.data.title ?? '', 256);
          expectPagesFit(
            Array.from({ length: 40 }, () => projectLine(project)),
            `<@${USER}>’s projects\n\n`,
          );
          expect(projectChoiceName(project).length).toBeLessThanOrEqual(100);
          expect(projectChoiceName(project, title).length).toBeLessThanOrEqual(100);
          expectSendable({ content: duplicateProjectMessage(project) });
        },
      ),
      RUNS,
    );
  });

  it('resource list pages, the duplicate refusal and the added reply', () => {
    fc.assert(
      fc.property(
        memberText(SHARING_LIMITS.title, { minLength: 1 }),
        fc.option(memberText(SHARING_LIMITS.note, { minLength: 1 }), { nil: null }),
        fc.option(memberText(ROADMAP_TEXT_MAX, { minLength: 1 }), { nil: null }),
        url,
        (title, note, itemLabel, link) => {
          const resource: Resource = {
            id: 1,
            guild_id: '1',
            user_id: USER,
            url: link,
            url_key: link,
            title,
            category: 'book',
            item_id: null,
            note,
            created_at: AT,
            duplicate_of: null,
          };
          const filterLine = describeResourceFilter(
            { category: 'book', itemLabel: itemLabel ?? undefined, search: title.slice(0, 100) },
            1_000,
          );
          expectPagesFit(
            groupedResourceLines(Array.from({ length: 30 }, () => ({ ...resource, item_label: itemLabel }))),
            `${filterLine}\n`,
          );
          expectSendable({ content: duplicateResourceMessage(resource) });
          expectSendable({
            content: `Added ${markdownLink(title.slice(0, 120), link)} to 📖 Documentation. Thanks for sharing!`,
          });
        },
      ),
      RUNS,
    );
  });

  it('feedback request post, thread name, /feedback list pages and the closing note', () => {
    fc.assert(
      fc.property(
        memberText(90, { minLength: 1 }),
        fc.option(memberText(1_000, { minLength: 1 }), { nil: null }),
        fc.array(fc.constant(USER), { maxLength: 60 }),
        (topic, details, helpers) => {
          let input: FeedbackRequestInput;
          try {
            input = parseFeedbackRequest({ topic, link: 'https://github.com/example/repo', details });
          } catch (error) {
            // Text that renders as nothing is refused before anything is formatted.
            expect(error).toBeInstanceOf(UserError);
            return;
          }
          const post = renderFeedbackRequestEmbed(USER, input, BAIT_MENTION_NAMES);
          expectSendable({ embeds: [post] });
          expectReadableTitle(post.data.title ?? '', 256);
          expectReadableTitle(feedbackThreadName(input.topic, BAIT_MENTION_NAMES), 100);
          const request: FeedbackRequest = {
            id: 1,
            guild_id: '1',
            requester_id: USER,
            topic: input.topic,
            link: input.link,
            details: input.details,
            channel_id: '2',
            message_id: '3',
            thread_id: '4',
            status: 'open',
            thread_archived: 1,
            created_at: AT,
            resolved_at: null,
            resolved_by: null,
            thanked_user_id: USER,
          };
          expectPagesFit(
            Array.from({ length: 40 }, () =>
              renderOpenRequestLine({ ...request, helper_count: 12, reply_count: 345 }),
            ),
          );
          expectSendable({ content: renderClosingNote(request, helpers) });
        },
      ),
      RUNS,
    );
  });

  it('/goal list and /journey, with every goal of a busy week', () => {
    fc.assert(
      fc.property(
        fc.array(memberText(GOAL_TEXT_MAX_LENGTH, { minLength: 1 }), { maxLength: 40, size: 'max' }),
        fc.option(memberText(ROADMAP_TEXT_MAX, { minLength: 1 }), { nil: null }),
        memberText(ROADMAP_TEXT_MAX, { minLength: 1 }),
        fc.array(memberText(ROADMAP_TEXT_MAX, { minLength: 1 }), { maxLength: 200 }),
        (texts, itemLabel, roadmapTitle, phaseTitles) => {
          const goals = texts.map((text, index): Goal & { item_label: string | null } => ({
            id: index,
            guild_id: '1',
            user_id: USER,
            text,
            item_id: null,
            item_label: itemLabel,
            week_start: '2026-11-23',
            week_end_at: '2026-11-30T00:00:00.000Z',
            status: index % 2 === 0 ? 'done' : 'open',
            created_at: AT,
            completed_at: null,
          }));
          expectSendable({
            embeds: [renderGoalList({ userId: USER, weekStartsAt: new Date(AT), goals, own: true })],
          });
          const journey: Journey = {
            userId: USER,
            roadmap: {
              roadmap: importedRoadmap(roadmapTitle),
              phases: phaseTitles.map((title, index) => ({
                phase: { id: index, title, position: index },
                finished: index,
                total: 2 * index + 1,
              })),
            },
            streak: { current: 3, longest: 12 },
            goals,
            feedback: { given: 1, received: 2, openRequests: 3 },
            projects: texts.map((text, index) => ({
              id: index,
              guild_id: '1',
              user_id: USER,
              title: text,
              title_key: text,
              description: null,
              tech: text,
              repo_url: 'https://github.com/example/repo',
              demo_url: null,
              status: 'active',
              created_at: AT,
              updated_at: AT,
              duplicate_of: null,
            })),
            recentLearnings: texts.slice(0, 3).map((text, index) => ({
              id: index,
              guild_id: '1',
              user_id: USER,
              text,
              link: null,
              tags: '',
              item_id: null,
              item_label: itemLabel,
              channel_id: null,
              message_id: null,
              thread_id: null,
              created_at: AT,
            })),
          };
          expectSendable({ embeds: [renderJourneyEmbed(journey)] });
        },
      ),
      { ...RUNS, numRuns: FUZZ_RUNS / 4 },
    );
  });

  it('/check reply, the phase celebration, /roadmap view pages and its Next up field', () => {
    fc.assert(
      fc.property(
        memberText(ROADMAP_TEXT_MAX, { minLength: 1 }),
        memberText(ROADMAP_TEXT_MAX, { minLength: 1 }),
        memberText(ROADMAP_NAME_MAX, { minLength: 1 }),
        memberText(32, { minLength: 1 }),
        fc.array(memberText(ROADMAP_TEXT_MAX, { minLength: 1 }), { minLength: 1, maxLength: 30 }),
        (label, phaseTitle, roadmapName, memberName, labels) => {
          const item = {
            id: 1,
            label,
            topic: phaseTitle,
            description: `${label}${phaseTitle}`.repeat(8),
            tags: JSON.stringify([label, phaseTitle]),
            phase_id: 1,
            phase_title: phaseTitle,
          };
          const tally = { finished: 3, total: 7 };
          const result = { changed: true, from: 'todo', to: 'done' } as const;
          expectSendable({
            content: describeCheck(item, {
              result,
              tally,
              completedPhase: true,
              streak: { current: 1, longest: 1 },
            }),
          });
          expectSendable({ content: describePhaseCompleted(memberName, item, roadmapName) });

          const items: ViewItem[] = labels.map((text, index) => ({
            id: index,
            phase_id: 1,
            label: text,
            topic: index % 3 === 0 ? text : null,
            description: index % 2 === 0 ? text : null,
            tags: index % 4 === 0 ? JSON.stringify([text]) : null,
            depth: index % 3,
            position: index,
          }));
          const statusOf = () => 'learning' as const;
          const summaries = summarizePhases([{ id: 1, title: phaseTitle, position: 0 }], items, statusOf);
          expectPagesFit(phaseOverviewLines(summaries), `${'x'.repeat(200)}\n\n`);
          expectPagesFit(phaseItemLines(items, statusOf), `${'x'.repeat(400)}\n\n`);
          // Next up lists several items: also all of them as long as the longest label.
          const alike = items.map((entry) => ({ ...entry, label }));
          for (const shown of [items, alike])
            expectSendable({
              embeds: [waymarkEmbed().setTitle('View').addFields(nextUpField(shown, statusOf))],
            });
          // The dry run of a re-import with every kind of change named by the longest text.
          const place = { phase: phaseTitle, topic: label };
          const entries = labels.map((text) => ({ label: text, place }));
          const diff = {
            ...diffRoadmap({ phases: [], items: [] }, { phases: [], items: [] }),
            phasesRenamed: labels.map((text) => ({ from: phaseTitle, to: text })),
            phasesAdded: labels,
            added: entries.map((entry) => ({ ...entry, returning: true })),
            removed: entries.map((entry) => ({ ...entry, membersWithProgress: 12 })),
            renamed: labels.map((text) => ({ from: label, to: text, place })),
            moved: entries.map((entry) => ({ from: { label, place }, to: entry })),
          };
          const preview = describeImportPreview(
            diff,
            countChanges(diff),
            { roadmap: roadmapName, file: `${label}.md` },
            'Press Apply.',
          );
          expectSendable({ content: preview.content });
          expectSendable({
            content: describeImport({
              created: false,
              roadmap: { name: roadmapName, is_default: 1 },
              changes: {
                added: 1,
                removed: 2,
                renamed: 3,
                moved: 4,
                unchangedItems: 1_990,
                phasesRenamed: 5,
                phasesAdded: 6,
                phasesRemoved: 7,
                unchangedPhases: 189,
              },
              statusesApplied: 4,
            } as Parameters<typeof describeImport>[0]),
          });
        },
      ),
      { ...RUNS, numRuns: FUZZ_RUNS / 4 },
    );
  });

  it('the weekly digest, with names as inert text', () => {
    const name = memberText(32, { minLength: 1 });
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 25 }),
        fc.array(fc.option(memberText(SHARING_LIMITS.learning), { nil: null }), { maxLength: 10 }),
        fc.array(fc.option(memberText(90), { nil: null }), { maxLength: 8 }),
        memberText(ROADMAP_TEXT_MAX, { minLength: 1 }),
        (names, learnings, topics, phaseTitle) => {
          const userIds = names.map((_, index) => `u${index}`);
          const activity: DigestActivity = {
            period: { start: new Date('2026-11-23T00:00:00Z'), end: new Date('2026-11-30T00:00:00Z') },
            totals: {
              ...EMPTY_TOTALS,
              itemsCompleted: 40,
              learnings: learnings.length,
              activeMembers: names.length,
            },
            previousTotals: EMPTY_TOTALS,
            // Every part of a member line at once, the longest it gets.
            members: userIds.map((userId, index) => ({
              userId,
              events: 50 - index,
              itemsDone: 3,
              itemsStarted: 2,
              learnings: 1,
              resources: 4,
              projectsUpdated: 2,
              feedbackGiven: 5,
              feedbackRequested: 1,
              goalsDone: 3,
              goalsSet: 3,
            })),
            phaseProgress: userIds.flatMap((userId) =>
              [true, false, false].map((completed) => ({
                userId,
                phaseTitle,
                roadmapName: phaseTitle,
                doneThisWeek: 2,
                completed,
                percent: completed ? 100 : 45,
              })),
            ),
            streaks: new Map(userIds.map((userId) => [userId, 7])),
            learnings: learnings.map((text, index) => ({
              userId: userIds[index % userIds.length]!,
              text,
              link: 'https://discord.com/channels/1/2/3',
            })),
            openFeedback: topics.map((topic, index) => ({
              userId: userIds[index % userIds.length]!,
              topic,
              link: 'https://discord.com/channels/1/4',
              openedAt: new Date('2026-11-24T00:00:00Z'),
            })),
            openFeedbackTotal: topics.length,
            quietMembers: 4,
            days: [],
            // Every other member keeps their profile private.
            privateMembers: new Set(userIds.filter((_, index) => index % 2 === 1)),
          };
          const embed = buildDigestEmbed({
            activity,
            displayName: (userId) => names[Number(userId.slice(1))] ?? 'A former member',
            footer: digestFooter('2026-W48'),
            chartFile: DIGEST_CHART_FILE,
          });
          expectSendable({ embeds: [embed] });
          // The digest promises names as text: no member text becomes a mention, even in an embed.
          expect(JSON.stringify(embed.toJSON())).not.toMatch(/@everyone|@here|<@|<#/);
        },
      ),
      { ...RUNS, numRuns: FUZZ_RUNS / 4 },
    );
  });

  it('the nudge direct message', () => {
    fc.assert(
      fc.property(
        memberText(100, { minLength: 1 }),
        // The nudge job cuts each label to 150 characters.
        fc.array(memberText(150, { minLength: 1 }), { maxLength: 3 }),
        (guildName, labels) => {
          expectSendable({ content: renderNudgeMessage({ guildName, quietDays: 14, nextItems: labels }) });
        },
      ),
      RUNS,
    );
  });

  it('/help and the welcome, with the setup checklist of any server', () => {
    fc.assert(
      fc.property(
        fc.option(memberText(ROADMAP_NAME_MAX, { minLength: 1 }), { nil: null }),
        fc.nat({ max: 1_000 }),
        fc.option(fc.subarray(Object.values(PERMISSION_LABELS)), { nil: null }),
        fc.boolean(),
        fc.boolean(),
        (defaultName, count, missing, paused, known) => {
          const mention = mentionCommands(
            known
              ? new Map([
                  ['roadmap', USER],
                  ['digest', USER],
                ])
              : new Map(),
          );
          const checklist = buildSetupChecklist(
            {
              roadmaps: { count, defaultName },
              digest: {
                channelId: USER,
                timing: { day: 3, hour: 23, timezone: 'America/Argentina/ComodRivadavia' },
                paused,
                missingPermissions: missing,
              },
              nudges: { enabled: paused, silenceDays: 365 },
            },
            mention,
          );
          expectSendable({ embeds: [renderHelpEmbed(mention, checklist)] });
          expectSendable({ embeds: [renderWelcomeEmbed(mention, checklist)] });
        },
      ),
      RUNS,
    );
  });
});

describe('regressions the fuzzing found', () => {
  const goal = (index: number): Goal & { item_label: string | null } => ({
    id: index,
    guild_id: '1',
    user_id: USER,
    text: `Finish chapter ${index} ${'x'.repeat(180)}`,
    item_id: null,
    item_label: 'Decorators',
    week_start: '2026-11-23',
    week_end_at: '2026-11-30T00:00:00.000Z',
    status: 'done',
    created_at: AT,
    completed_at: AT,
  });

  it('GIVEN a week with 30 finished goals THEN /goal list fits one embed and counts the rest', () => {
    const embed = renderGoalList({
      userId: USER,
      weekStartsAt: new Date(AT),
      goals: Array.from({ length: 30 }, (_, index) => goal(index)),
      own: true,
    });
    expectSendable({ embeds: [embed] });
    expect(embed.toJSON().description).toMatch(/…and \d+ more$/);
  });

  it('GIVEN a roadmap whose # title is 5,000 characters THEN /journey shortens it', () => {
    const title = 'T'.repeat(5_000);
    const embed = renderJourneyEmbed({
      userId: USER,
      roadmap: {
        roadmap: importedRoadmap(title),
        phases: [{ phase: { id: 1, title: 'Basics', position: 0 }, finished: 1, total: 2 }],
      },
      streak: { current: 0, longest: 0 },
      goals: [],
      feedback: { given: 0, received: 0, openRequests: 0 },
      projects: [],
      recentLearnings: [],
    });
    expectSendable({ embeds: [embed] });
  });

  it('GIVEN five open items with long labels full of markdown THEN /roadmap view’s Next up fits its field', () => {
    const items: ViewItem[] = Array.from({ length: 5 }, (_, index) => ({
      id: index,
      phase_id: 1,
      label: `__init__ ${'_'.repeat(200)}`,
      topic: null,
      depth: 0,
      position: index,
    }));
    const field = nextUpField(items, () => 'todo');
    expect(field.value.length).toBeLessThanOrEqual(1_024);
    expect(field.value).toMatch(/…and \d+ more$/);
  });
});
