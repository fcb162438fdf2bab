import type { RequestLogEntry } from '@waymark/discord-double';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOAL_TEXT_MAX_LENGTH } from '../../src/goals/goals.js';
import { fixedClock } from '../../src/shared/clock.js';
import { SHARING_LIMITS } from '../../src/sharing/sharing-input.js';
import { useTestBot } from '../support/bot.js';
import { installPythonTemplate } from '../support/interact.js';
import { FUZZ_SEED, memberText } from './member-text.js';

/** Each run drives six commands through the real bot; a handful of runs keeps the file fast. */
const E2E_RUNS = 6;

/** Calls that carry a message: channel and thread posts and edits, interaction callbacks, webhook follow-ups and edits. */
const MESSAGE_CALL =
  /^\/(channels\/\d+\/messages(\/\d+)?|interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/]+(\/messages\/[^/]+)?)$/;

interface SentMessage {
  content?: string;
  embeds?: unknown[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
}

/** The message part of a logged call, when it carries one (a deferral or a modal does not). */
function messageOf(request: RequestLogEntry): SentMessage | undefined {
  if (!['POST', 'PATCH'].includes(request.method) || !MESSAGE_CALL.test(request.path)) return undefined;
  const body = request.body as (SentMessage & { type?: number; data?: SentMessage }) | undefined;
  const message = request.path.startsWith('/interactions/') ? body?.data : body;
  if (!message || (message.content === undefined && message.embeds === undefined)) return undefined;
  return message;
}

describe('fuzz end to end: nothing member-written can ping anyone', () => {
  const clock = fixedClock('2026-11-24T09:00:00.000Z');
  const bot = useTestBot({ clock });
  let itemId: string;
  beforeAll(async () => {
    [itemId = ''] = await installPythonTemplate(bot.double);
  }, 30_000);

  it(`GIVEN arbitrary text in /learned, /check, /feedback, /goal, /project and /resources (${E2E_RUNS} runs) THEN every message the bot sent had allowed_mentions.parse empty and no users or roles, and pinged nobody`, async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        memberText(SHARING_LIMITS.learning, { minLength: 1 }),
        memberText(90, { minLength: 1 }),
        memberText(GOAL_TEXT_MAX_LENGTH, { minLength: 1 }),
        memberText(SHARING_LIMITS.title, { minLength: 1 }),
        async (text, topic, goal, title) => {
          runs += 1;
          // A new member per run: cooldowns and the three open goals a week never get in the way.
          const user = bot.double.addUser({ username: `fuzz-${runs}` });
          bot.double.addMember(user.id);
          const first = bot.double.requests.length;
          const commands = [
            bot.double.slash({ name: 'learned', user: user.id, options: { text } }),
            bot.double.slash({
              name: 'check',
              user: user.id,
              options: { item: itemId, note: text.slice(0, 500) },
            }),
            bot.double.slash({
              name: 'feedback',
              subcommand: 'request',
              user: user.id,
              options: { topic, details: text.slice(0, 1_000) },
            }),
            bot.double.slash({ name: 'goal', subcommand: 'set', user: user.id, options: { text: goal } }),
            bot.double.slash({
              name: 'project',
              subcommand: 'add',
              user: user.id,
              options: { title, description: text.slice(0, 1_000) },
            }),
            bot.double.slash({
              name: 'resources',
              subcommand: 'add',
              user: user.id,
              options: {
                url: `https://example.com/fuzz/${runs}`,
                title,
                category: 'other',
                note: text.slice(0, 500),
              },
            }),
          ];
          for (const command of commands)
            await (await bot.double.interact(command)).final({ timeoutMs: 10_000 });

          const sent = bot.double.requests.slice(first).flatMap((request) => messageOf(request) ?? []);
          expect(sent.length).toBeGreaterThanOrEqual(commands.length);
          for (const message of sent) {
            expect(message.allowed_mentions?.parse).toEqual([]);
            expect(message.allowed_mentions?.users ?? []).toEqual([]);
            expect(message.allowed_mentions?.roles ?? []).toEqual([]);
          }
          for (const channel of [
            bot.double.channels.general.id,
            ...bot.double.threads.map((thread) => thread.id),
          ]) {
            for (const message of bot.double.messagesIn(channel)) {
              expect(message.mention_everyone).toBe(false);
              expect(message.mentions).toEqual([]);
              expect(message.mention_roles).toEqual([]);
            }
          }
        },
      ),
      { seed: FUZZ_SEED, numRuns: E2E_RUNS, endOnFailure: true },
    );
    expect(runs).toBe(E2E_RUNS);
  }, 60_000);
});
