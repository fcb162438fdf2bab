import { describe, expect, it } from 'vitest';
import {
  buildSetupChecklist,
  renderChecklist,
  type SetupFacts,
} from '../../src/onboarding/setup-checklist.js';
import { mentionCommands } from '../../src/shared/slash-command-mention.js';

const mention = mentionCommands(
  new Map([
    ['digest', '11'],
    ['settings', '12'],
    ['roadmap', '13'],
    ['help', '14'],
  ]),
);

const SET_UP: SetupFacts = {
  roadmaps: { count: 2, defaultName: 'python-developer' },
  digest: {
    channelId: '900',
    timing: { day: 5, hour: 17, timezone: 'America/New_York' },
    paused: false,
    missingPermissions: [],
  },
  nudges: { enabled: true, silenceDays: 10 },
};

describe('mentionCommands', () => {
  it('GIVEN a command whose id is known THEN it is a clickable mention, subcommands included', () => {
    expect(mention('digest setup')).toBe('</digest setup:11>');
    expect(mention('settings')).toBe('</settings:12>');
  });

  it('GIVEN a command whose id is unknown THEN its name is shown as code', () => {
    expect(mentionCommands(new Map())('roadmap follow')).toBe('`/roadmap follow`');
  });
});

describe('buildSetupChecklist', () => {
  it('GIVEN a server with everything set up THEN every line is done', () => {
    const lines = buildSetupChecklist(SET_UP, mention);
    expect(lines.every((line) => line.done)).toBe(true);
    expect(lines[0]?.text).toBe('Roadmap: **python-developer** is the default (2 roadmaps).');
    expect(lines[1]?.text).toBe('Weekly digest: <#900>, Fridays at 17:00 (America/New_York).');
    expect(lines[3]?.text).toContain('after 10 quiet days');
  });

  it('GIVEN a paused digest THEN its line is not done and says how to resume, while the permissions are still checked', () => {
    const lines = buildSetupChecklist({ ...SET_UP, digest: { ...SET_UP.digest!, paused: true } }, mention);
    expect(lines[1]).toEqual({
      done: false,
      text: 'Weekly digest: paused (<#900>, Fridays at 17:00 (America/New_York)). Resume it with </digest setup:11>.',
    });
    expect(lines[2]?.done).toBe(true);
  });

  it('GIVEN a digest whose channel was deleted THEN it asks for another channel', () => {
    const lines = buildSetupChecklist(
      { ...SET_UP, digest: { ...SET_UP.digest!, missingPermissions: null } },
      mention,
    );
    expect(lines.slice(1, 3)).toEqual([
      {
        done: false,
        text: 'Weekly digest: its channel was deleted. Choose another with </digest setup:11>.',
      },
      {
        done: false,
        text: 'Waymark’s permissions in the digest channel: checked once </digest setup:11> picks a channel.',
      },
    ]);
  });

  it('GIVEN one missing permission THEN it is named, in the singular', () => {
    const lines = buildSetupChecklist(
      { ...SET_UP, digest: { ...SET_UP.digest!, missingPermissions: ['Attach Files'] } },
      mention,
    );
    expect(lines[2]?.text).toBe(
      'Waymark is missing Attach Files in <#900>. Grant it to Waymark in that channel’s permissions, then check again with </help:14>.',
    );
  });

  it('GIVEN roadmaps but none is the default THEN that line is not done', () => {
    const [line] = buildSetupChecklist({ ...SET_UP, roadmaps: { count: 3, defaultName: null } }, mention);
    expect(line).toEqual({
      done: false,
      text: 'Roadmap: 3 installed but none is the default, so members must pick one with </roadmap follow:13>.',
    });
  });

  it('GIVEN a long roadmap name with markdown THEN it is shortened and escaped, and cannot break the bold', () => {
    const [line] = buildSetupChecklist(
      { ...SET_UP, roadmaps: { count: 1, defaultName: `**${'x'.repeat(200)}` } },
      mention,
    );
    expect(line?.text).toMatch(/^Roadmap: \*\*\\\*\\\*x+…\*\* is the default\.$/);
    expect(line!.text.length).toBeLessThan(120);
  });

  it('GIVEN lines THEN each renders with ✅ or ❌', () => {
    expect(
      renderChecklist([
        { done: true, text: 'a' },
        { done: false, text: 'b' },
      ]),
    ).toBe('✅ a\n❌ b');
  });
});
