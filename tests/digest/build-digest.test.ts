import { embedLength } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DigestActivity,
  type DigestTotals,
  EMPTY_TOTALS,
  type PhaseProgress,
} from '../../src/digest/weekly-activity-queries.js';
import {
  buildDigestEmbed,
  DIGEST_CHART_FILE,
  type DigestView,
  digestFooter,
  EMBED_LIMITS,
  memberLine,
  phaseLabel,
} from '../../src/discord/views/digest-view.js';
import { fitLines } from '../../src/shared/text.js';
import { memberActivity } from './digest-fixtures.js';

const period = { start: new Date('2026-11-23T08:00:00Z'), end: new Date('2026-11-30T08:00:00Z') };

function totals(overrides: Partial<DigestTotals> = {}): DigestTotals {
  return { ...EMPTY_TOTALS, ...overrides };
}

function activity(overrides: Partial<DigestActivity> = {}): DigestActivity {
  return {
    period,
    totals: totals(),
    previousTotals: totals(),
    members: [],
    phaseProgress: [],
    streaks: new Map(),
    learnings: [],
    openFeedback: [],
    openFeedbackTotal: 0,
    quietMembers: 0,
    days: [],
    privateMembers: new Set(),
    ...overrides,
  };
}

function phase(
  phaseTitle: string,
  percent: number | null,
  overrides: Partial<PhaseProgress> = {},
): PhaseProgress {
  return {
    userId: 'u1',
    phaseTitle,
    roadmapName: 'Python',
    doneThisWeek: 1,
    completed: false,
    percent,
    ...overrides,
  };
}

const names: Record<string, string> = { u1: 'Ada Lovelace', u2: 'Grace *Hopper*', u3: '@everyone <@123>' };

function view(data: DigestActivity): DigestView {
  return {
    activity: data,
    displayName: (userId) => names[userId] ?? `Member ${userId}`,
    footer: digestFooter('2026-W49'),
    chartFile: DIGEST_CHART_FILE,
  };
}

function expectWithinLimits(json: ReturnType<ReturnType<typeof buildDigestEmbed>['toJSON']>): void {
  expect(json.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
  for (const field of json.fields ?? [])
    expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
  expect((json.fields ?? []).length).toBeLessThanOrEqual(25);
  expect(embedLength(json)).toBeLessThanOrEqual(EMBED_LIMITS.total);
}

describe('buildDigestEmbed', () => {
  it('GIVEN an ordinary week THEN it shows totals with changes, members by name, phases, learnings, open requests and quiet members', () => {
    const json = buildDigestEmbed(
      view(
        activity({
          totals: totals({
            itemsCompleted: 12,
            learnings: 2,
            resources: 1,
            projectsUpdated: 1,
            feedbackOpened: 2,
            feedbackResolved: 1,
            activeMembers: 3,
          }),
          previousTotals: totals({ itemsCompleted: 5, learnings: 4, resources: 1, activeMembers: 2 }),
          members: [
            memberActivity('u1', { events: 9, itemsDone: 8, learnings: 1 }),
            memberActivity('u2', { events: 4, itemsDone: 4 }),
            memberActivity('u3', { events: 1 }),
          ],
          phaseProgress: [
            {
              userId: 'u1',
              phaseTitle: 'Basics',
              roadmapName: 'Python',
              doneThisWeek: 5,
              completed: true,
              percent: 100,
            },
            {
              userId: 'u1',
              phaseTitle: 'Web',
              roadmapName: 'Python',
              doneThisWeek: 3,
              completed: false,
              percent: 30,
            },
            {
              userId: 'u2',
              phaseTitle: 'Basics',
              roadmapName: 'Python',
              doneThisWeek: 4,
              completed: false,
              percent: 80,
            },
          ],
          streaks: new Map([
            ['u1', 4],
            ['u2', 1],
          ]),
          learnings: [
            {
              userId: 'u1',
              text: 'Decorators are functions [really]',
              link: 'https://discord.com/channels/1/2/3',
            },
            { userId: 'u2', text: null, link: null },
          ],
          openFeedback: [
            {
              userId: 'u2',
              topic: 'Review my CLI',
              link: 'https://discord.com/channels/1/4',
              openedAt: new Date('2026-11-25T10:00:00Z'),
            },
          ],
          openFeedbackTotal: 1,
          quietMembers: 7,
        }),
      ),
    ).toJSON();

    const description = json.description ?? '';
    expect(json.title).toBe('Weekly digest');
    expect(description).toContain(
      `<t:${period.start.getTime() / 1000}:D> → <t:${period.end.getTime() / 1000}:D>`,
    );
    expect(description).toContain('✅ **12** items completed (+7)');
    expect(description).toContain('📚 **2** learnings shared (−2)');
    expect(description).toContain('🔗 **1** resource added (±0)');
    expect(description).toContain('👥 **3** active members (+1)');
    expect(description).toContain(
      '**Ada Lovelace** — 8 items done (Basics 100%, Web 30%) · 1 learning · 🔥 4-week streak',
    );
    expect(description).toContain('**Grace \\*Hopper\\*** — 4 items done (Basics 80%)');
    expect(description).not.toContain('1-week streak');
    expect(description).toContain('**@\u200beveryone <\u200b@123>** — 1 other update');
    expect(description).toContain('🌙 7 members were quiet this week');
    expect(description).not.toMatch(/<@\d/);
    expect(description).not.toContain('@everyone');
    const fields = Object.fromEntries((json.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields['Phases completed']).toBe('🏁 **Ada Lovelace** finished *Basics* · Python');
    expect(fields['Learnings this week']).toContain(
      '• [Decorators are functions really](https://discord.com/channels/1/2/3) — Ada Lovelace',
    );
    expect(fields['Learnings this week']).toContain('• A learning — Grace \\*Hopper\\*');
    expect(fields['Waiting for feedback (1)']).toBe(
      `• [Review my CLI](https://discord.com/channels/1/4) — Grace \\*Hopper\\*, <t:${new Date('2026-11-25T10:00:00Z').getTime() / 1000}:R>`,
    );
    expect(json.footer?.text).toBe('Waymark weekly digest · 2026-W49');
    expect(json.image?.url).toBe(`attachment://${DIGEST_CHART_FILE}`);
    expectWithinLimits(json);
  });

  it('GIVEN a week with no activity THEN it says so and lists nobody', () => {
    const json = buildDigestEmbed(view(activity({ quietMembers: 3 }))).toJSON();
    expect(json.description).toContain('Nobody logged progress this week');
    expect(json.description).not.toContain('Who moved forward');
    expect(json.description).toContain('🌙 3 members were quiet');
    expect(json.fields ?? []).toEqual([]);
  });

  it('GIVEN 5,000 active members and long texts THEN the embed stays within every limit and says "and N more"', () => {
    const members = Array.from({ length: 5_000 }, (_, index) =>
      memberActivity(`m${index}`, {
        events: 5_000 - index,
        itemsDone: 3_000,
        itemsStarted: 1_000,
        learnings: 2_000,
        resources: 1_000,
        projectsUpdated: 1_000,
        feedbackGiven: 1_000,
        feedbackRequested: 1_000,
        goalsDone: 1_000,
        goalsSet: 1_000,
      }),
    );
    const long = '**x** '.repeat(400);
    const json = buildDigestEmbed({
      activity: activity({
        totals: totals({ itemsCompleted: 15_000, learnings: 10_000, activeMembers: 5_000 }),
        members,
        phaseProgress: members.flatMap((member) => [
          {
            userId: member.userId,
            phaseTitle: long,
            roadmapName: long,
            doneThisWeek: 2,
            completed: true,
            percent: null,
          },
          {
            userId: member.userId,
            phaseTitle: 'Two',
            roadmapName: 'R',
            doneThisWeek: 1,
            completed: false,
            percent: null,
          },
          {
            userId: member.userId,
            phaseTitle: 'Three',
            roadmapName: 'R',
            doneThisWeek: 1,
            completed: false,
            percent: null,
          },
        ]),
        streaks: new Map(members.map((member) => [member.userId, 52])),
        learnings: Array.from({ length: 10 }, (_, index) => ({
          userId: `m${index}`,
          text: long,
          link: 'https://discord.com/channels/1/2/3',
        })),
        openFeedback: Array.from({ length: 10 }, (_, index) => ({
          userId: `m${index}`,
          topic: long,
          link: null,
          openedAt: period.start,
        })),
        openFeedbackTotal: 300,
        quietMembers: 12_000,
      }),
      displayName: (userId) => `${'Long Name '.repeat(10)}${userId}`,
      footer: digestFooter('2026-W49'),
      chartFile: DIGEST_CHART_FILE,
    }).toJSON();

    expectWithinLimits(json);
    const description = json.description ?? '';
    const shown = description.split('\n').filter((line) => line.startsWith('**Long Name')).length;
    expect(shown).toBeGreaterThan(5);
    expect(description).toContain(`…and ${(5_000 - shown).toLocaleString('en-US')} more active members`);
    expect(description).toContain('12,000 members were quiet');
    const fields = Object.fromEntries((json.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields['Phases completed']).toMatch(/…and [\d,]+ more phases$/);
    expect(fields['Learnings this week']).toMatch(/…and [\d,]+ more in \/learnings$/);
    expect(fields['Waiting for feedback (300)']).toMatch(/…and [\d,]+ more in \/feedback list$/);
  });
});

describe('memberLine', () => {
  it('GIVEN a varied week THEN it names each kind of work done, only the non-zero ones, in singular or plural', () => {
    const line = memberLine(
      memberActivity('u1', { events: 12, itemsDone: 5, learnings: 2, resources: 1, feedbackGiven: 1 }),
      'Erin',
      [phase('Basics', 80)],
      3,
    );
    expect(line).toBe(
      '**Erin** — 5 items done (Basics 80%) · 2 learnings · 1 resource · feedback given 1× · 🔥 3-week streak',
    );
    expect(
      memberLine(
        memberActivity('u1', {
          itemsDone: 1,
          itemsStarted: 2,
          learnings: 1,
          resources: 3,
          projectsUpdated: 1,
          feedbackGiven: 2,
          feedbackRequested: 1,
          goalsDone: 1,
          goalsSet: 2,
        }),
        'Ana',
        [],
        1,
      ),
    ).toBe(
      '**Ana** — 1 item done · 2 items started · 1 learning · 3 resources · 1 project updated · feedback given 2× · asked for feedback 1× · 1 goal done · 2 goals set',
    );
  });

  it('GIVEN only changes without a word of their own (skips, imports, missed goals) THEN it counts them as other updates', () => {
    expect(memberLine(memberActivity('u1', { events: 2 }), 'Bo', [], undefined)).toBe(
      '**Bo** — 2 other updates',
    );
  });

  it('GIVEN items done in more than two phases THEN it shows two with their percent and counts the rest', () => {
    const line = memberLine(
      memberActivity('u1', { itemsDone: 4 }),
      'Cy',
      [phase('One', 10), phase('Two', 20), phase('Three', 30)],
      undefined,
    );
    expect(line).toBe('**Cy** — 4 items done (One 10%, Two 20%, +1)');
  });
});

describe('phaseLabel', () => {
  it('GIVEN a long phase name THEN the name is shortened, never the percent', () => {
    expect(phaseLabel('Object-oriented programming', 45)).toBe('Object-oriented progr… 45%');
    expect(phaseLabel('Object-oriented programming', 100)).toBe('Object-oriented prog… 100%');
    expect(phaseLabel('Basics', 7)).toBe('Basics 7%');
    expect(phaseLabel('Object-oriented programming in depth', null)).toBe('Object-oriented programmi…');
  });

  it('GIVEN any phase name and percent THEN the label ends with the whole percent', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 100 }),
        (title, percent) => {
          const label = phaseLabel(title, percent);
          expect(label.endsWith(` ${percent}%`)).toBe(true);
        },
      ),
    );
  });
});

describe('private members', () => {
  it('GIVEN a member who keeps their profile private THEN phases, learnings and requests show without their name', () => {
    const json = buildDigestEmbed(
      view(
        activity({
          totals: totals({ learnings: 1, activeMembers: 2 }),
          members: [memberActivity('u1', { learnings: 1 })],
          phaseProgress: [phase('Basics', 100, { userId: 'u2', completed: true })],
          learnings: [{ userId: 'u2', text: 'Slots', link: 'https://discord.com/channels/1/2/3' }],
          openFeedback: [
            {
              userId: 'u2',
              topic: 'Review my CLI',
              link: null,
              openedAt: new Date('2026-11-25T10:00:00Z'),
            },
          ],
          openFeedbackTotal: 1,
          privateMembers: new Set(['u2']),
        }),
      ),
    ).toJSON();
    expect(JSON.stringify(json)).not.toContain('Hopper');
    const fields = Object.fromEntries((json.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields['Phases completed']).toBe('🏁 A member finished *Basics* · Python');
    expect(fields['Learnings this week']).toBe('• [Slots](https://discord.com/channels/1/2/3)');
    expect(fields['Waiting for feedback (1)']).toBe(
      `• Review my CLI, <t:${new Date('2026-11-25T10:00:00Z').getTime() / 1000}:R>`,
    );
    expect(json.description).toContain('**Ada Lovelace** — 1 learning\n…and 1 more active member');
  });
});

describe('fitLines', () => {
  it('GIVEN any lines and a budget THEN it keeps whole lines in order, within budget, and counts the rest', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1, maxLength: 60 }).filter((line) => !line.includes('\n')),
          {
            maxLength: 80,
          },
        ),
        fc.integer({ min: 30, max: 2_000 }),
        fc.nat({ max: 50 }),
        (lines, budget, beyond) => {
          const text = fitLines(lines, budget, (hidden) => `…and ${hidden} more`, beyond);
          expect(text.length).toBeLessThanOrEqual(budget);
          const out = text === '' ? [] : text.split('\n');
          const overflow = out.at(-1)?.match(/^…and (\d+) more$/);
          const kept = overflow ? out.slice(0, -1) : out;
          expect(kept).toEqual(lines.slice(0, kept.length));
          expect(kept.length + Number(overflow?.[1] ?? 0)).toBe(lines.length + beyond);
        },
      ),
    );
  });
});
