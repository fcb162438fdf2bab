import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { Project, Roadmap } from '../../src/db/schema.js';
import { renderJourneyEmbed } from '../../src/discord/views/journey-view.js';
import type { GoalWithItem } from '../../src/goals/goals-queries.js';
import type { Journey } from '../../src/journey/journey.js';
import type { LearningWithItem } from '../../src/sharing/learnings-queries.js';

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

const long = (prefix: string, length: number) => `${prefix} ${'x'.repeat(length)}`.slice(0, length);

function worstCaseJourney(): Journey {
  const at = '2026-11-24T10:00:00.000Z';
  return {
    userId: '200000000000000001',
    roadmap: {
      roadmap: { id: 1, name: 'big', title: long('Title', 200) } as Roadmap,
      phases: Array.from({ length: 60 }, (_, index) => ({
        phase: { id: index, title: long(`Phase ${index}`, 300), position: index },
        total: 500,
        finished: index,
      })),
    },
    streak: { current: 120, longest: 240 },
    goals: Array.from({ length: 3 }, (_, index) => ({
      id: index,
      text: long(`Goal ${index}`, 200),
      item_label: long('Item', 500),
      status: 'open',
    })) as GoalWithItem[],
    feedback: { given: 12_345, received: 67_890, openRequests: 42 },
    projects: Array.from({ length: 30 }, (_, index) => ({
      id: index,
      title: long(`Project ${index}`, 200),
      tech: long('Tech', 200),
      repo_url: `https://github.com/example/${'r'.repeat(150)}`,
      status: 'active',
    })) as Project[],
    recentLearnings: Array.from({ length: 3 }, (_, index) => ({
      id: index,
      text: long(`Learning ${index}`, 1_500),
      created_at: at,
    })) as LearningWithItem[],
  };
}

describe('renderJourneyEmbed', () => {
  it('GIVEN the longest roadmap, goals, projects and learnings THEN the embed stays within Discord’s limits', () => {
    const embed = renderJourneyEmbed(worstCaseJourney()).toJSON();
    expect(embed.description?.length).toBeLessThanOrEqual(4_096);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1_024);
    expect(embed.fields?.length).toBeLessThanOrEqual(25);
    expect(embedLength(embed)).toBeLessThanOrEqual(6_000);
    expect(embed.description).toContain('more phases (see `/roadmap view`)');
    expect(embed.fields?.find((field) => field.name === 'Projects')?.value).toMatch(
      /…and \d+ more \(`\/project list`\)$/,
    );
  });

  it('GIVEN a member with nothing yet THEN every part says so kindly', () => {
    const embed = renderJourneyEmbed({
      userId: '200000000000000001',
      roadmap: null,
      streak: { current: 0, longest: 0 },
      goals: [],
      feedback: { given: 0, received: 0, openRequests: 0 },
      projects: [],
      recentLearnings: [],
    }).toJSON();
    expect(embed.description).toContain('Not following a roadmap yet');
    const values = Object.fromEntries((embed.fields ?? []).map((field) => [field.name, field.value]));
    expect(values).toMatchObject({
      'Goals this week (0/0 done)': 'No goals set this week.',
      Projects: 'No projects yet.',
      'Recent learnings': 'Nothing shared yet.',
    });
  });
});
