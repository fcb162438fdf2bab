import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordDouble, type InteractionHandle, type MessageView } from '@waymark/discord-double';
import { type APIInteraction, type APIUser, MessageFlags } from 'discord-api-types/v10';
import { vi } from 'vitest';
import { checkIntegrity } from '../../src/db/backup.js';
import { type Db, openSqliteDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { TEST_TOKEN } from '../support/bot.js';
import { type BotProcess, exitOf, startBotProcess } from '../support/process.js';

/** One interaction of the burst, as the double saw it answered by the time the bot was killed and restarted. */
export interface SentInteraction {
  index: number;
  user: APIUser;
  payload: APIInteraction;
  handle: InteractionHandle;
  /** The answer the member saw (not a deferral's "thinking…"), if any. */
  reply: MessageView | undefined;
}

/**
 * What to fire at the bot and how to tell that it took effect. To plug in `/check` after the
 * merge (`/learned` is the same with the learnings table):
 *
 *   prepare: install a roadmap through the running bot as the seeded admin
 *     (`double.slash({ name: 'roadmap', subcommand: 'template', user: double.users.admin.id, … })`);
 *   interaction: `double.slash({ name: 'check', user: user.id, options: { item: <an item's key> } })`;
 *   effectPresent: that member's `member_progress` row for the item is `done`;
 *   invariants: every `member_progress` row has its `item_status` activity event and vice versa
 *     (the change and its event are written in one transaction, so never one without the other).
 */
export interface CrashScenario {
  name: string;
  /** Runs against the first bot process before the burst, e.g. to install a roadmap. */
  prepare?(double: DiscordDouble): Promise<void>;
  /** The burst's `index`-th interaction, sent by its own member so the per-member rate limit stays out of the way. */
  interaction(double: DiscordDouble, user: APIUser, index: number): APIInteraction;
  /** After the restart: the effect of an interaction whose member was answered is in the database. */
  effectPresent(db: Db, sent: SentInteraction): Promise<boolean>;
  /** After the restart: descriptions of half-applied changes anywhere, Discord included (none expected). */
  invariants?(db: Db, double: DiscordDouble): Promise<string[]>;
}

export interface CrashOptions {
  /** How many interactions are fired at once. */
  burst: number;
  /** SIGKILL as soon as the double has seen this many of them acknowledged. */
  killAfterAcknowledged: number;
}

export interface CrashReport {
  burst: number;
  /** Dispatched but not yet acknowledged when SIGKILL was sent. */
  inFlightAtKill: number;
  /** Answered (a reply, or a deferral's edit) as the double saw it in the end. */
  answered: number;
  /** Acknowledged by a deferral whose answer never came: the member sees a failure. */
  deferredOnly: number;
  /** Never acknowledged: Discord shows "The application did not respond". */
  unacknowledged: number;
  /** `PRAGMA integrity_check` after the restart. */
  integrity: string;
  /** Answered interactions whose effect is missing: must be empty. */
  lost: SentInteraction[];
  /** Interaction ids with more than one successful callback: must be empty. */
  acknowledgedTwice: string[];
  /** Half-applied changes reported by the scenario: must be empty. */
  halfApplied: string[];
  /** The restarted process answered a new interaction and exited 0 on SIGTERM. */
  restartedCleanly: boolean;
}

const CALLBACK = /^\/interactions\/(\d+)\/[^/]+\/callback$/;
const START_TIMEOUT_MS = 15_000;

function answerOf(handle: InteractionHandle): MessageView | undefined {
  const original = handle.original();
  if (!original || original.deleted || (original.flags ?? 0) & MessageFlags.Loading) return undefined;
  return original;
}

function acknowledgedTwice(double: DiscordDouble): string[] {
  const counts = new Map<string, number>();
  for (const request of double.requests) {
    const id = request.method === 'POST' ? CALLBACK.exec(request.path)?.[1] : undefined;
    if (id && (request.status ?? 0) >= 200 && (request.status ?? 0) < 300) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return [...counts].filter(([, count]) => count > 1).map(([id]) => id);
}

/**
 * A migrated database file whose digest schedule (in the double's #progress) is due: its slot
 * passed within the hour and it was saved a week ago, so the job posts it as the bot starts.
 */
export async function seedDueDigestSchedule(double: DiscordDouble, databasePath: string, now: Date) {
  const seeded = openSqliteDatabase(databasePath);
  try {
    await migrateToLatest(seeded.db);
    await seeded.db
      .insertInto('digest_schedules')
      .values({
        guild_id: double.guild.id,
        channel_id: double.channels.progress.id,
        day: ((now.getUTCDay() + 6) % 7) + 1,
        hour: now.getUTCHours(),
        timezone: 'UTC',
        updated_by: double.users.admin.id,
        updated_at: new Date(now.getTime() - 7 * 24 * 60 * 60_000).toISOString(),
      })
      .execute();
  } finally {
    await seeded.close();
  }
}

/** Starts `npm start`'s entry point and resolves once it has identified anew and registered its commands. */
export async function startBot(
  double: DiscordDouble,
  env: Record<string, string>,
  stdout: 'ignore' | 'pipe' = 'ignore',
): Promise<BotProcess> {
  const identifiesBefore = double.gateway.identifies.length;
  const child = startBotProcess(env, stdout);
  await double.waitFor(
    () =>
      double.gateway.identifies.length > identifiesBefore && double.gateway.hasReadySession
        ? true
        : undefined,
    { timeoutMs: START_TIMEOUT_MS, description: `the bot did not connect (stderr: ${child.stderrText()})` },
  );
  await double.waitFor(() => (double.commandsOf().length > 0 ? true : undefined), {
    timeoutMs: START_TIMEOUT_MS,
  });
  return child;
}

/** Waits until the bot has delivered every pending post (what a crash left is delivered at start). */
export async function outboxDelivered(databasePath: string): Promise<void> {
  const reader = openSqliteDatabase(databasePath);
  try {
    await vi.waitFor(
      async () => {
        const pending = await reader.db
          .selectFrom('outbox')
          .select('id')
          .where('status', '=', 'pending')
          .execute();
        if (pending.length > 0) throw new Error(`${pending.length} posts still pending`);
      },
      { timeout: START_TIMEOUT_MS, interval: 100 },
    );
  } finally {
    await reader.close();
  }
}

/**
 * Runs the bot as a process (exactly as `npm start`) on a file database, fires a burst of
 * interactions at once, SIGKILLs the process mid-burst, restarts it against the same Discord
 * double and database, and reports what survived.
 */
export async function runCrashScenario(scenario: CrashScenario, options: CrashOptions): Promise<CrashReport> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-crash-'));
  const databasePath = join(dir, 'data', 'waymark.sqlite');
  const double = await DiscordDouble.start({ token: TEST_TOKEN });
  const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: double.restUrl, DATABASE_URL: databasePath };
  const processes: BotProcess[] = [];
  try {
    const first = await startBot(double, env);
    processes.push(first);
    await scenario.prepare?.(double);

    const users = Array.from({ length: options.burst }, (_, index) => {
      const user = double.addUser({ username: `crash-${index}` });
      double.addMember(user.id);
      return user;
    });
    const payloads = users.map((user, index) => scenario.interaction(double, user, index));
    const handles = await Promise.all(payloads.map((payload) => double.interact(payload)));
    const acknowledged = () => handles.filter((handle) => handle.timeToAck !== undefined).length;
    await double.waitFor(() => (acknowledged() >= options.killAfterAcknowledged ? true : undefined), {
      timeoutMs: START_TIMEOUT_MS,
    });
    const firstExit = exitOf(first);
    first.kill('SIGKILL');
    const inFlightAtKill = options.burst - acknowledged();
    await firstExit;

    const second = await startBot(double, env);
    processes.push(second);
    await outboxDelivered(databasePath);
    const probe = await double.interact(double.slash({ name: 'about' }));
    const probeAnswered = await probe.final({ timeoutMs: START_TIMEOUT_MS }).then(
      () => true,
      () => false,
    );
    const secondExit = exitOf(second);
    second.kill('SIGTERM');
    const { code } = await secondExit;

    const sent: SentInteraction[] = handles.map((handle, index) => ({
      index,
      user: users[index]!,
      payload: payloads[index]!,
      handle,
      reply: answerOf(handle),
    }));
    const integrity = checkIntegrity(databasePath);
    const database = openSqliteDatabase(databasePath);
    try {
      const lost: SentInteraction[] = [];
      for (const interaction of sent) {
        if (interaction.reply && !(await scenario.effectPresent(database.db, interaction)))
          lost.push(interaction);
      }
      const deferred = (handle: InteractionHandle) =>
        handle.timeToAck !== undefined && !answerOf(handle) && handle.original() !== undefined;
      return {
        burst: options.burst,
        inFlightAtKill,
        answered: sent.filter((interaction) => interaction.reply).length,
        deferredOnly: handles.filter(deferred).length,
        unacknowledged: handles.filter((handle) => handle.timeToAck === undefined).length,
        integrity,
        lost,
        acknowledgedTwice: acknowledgedTwice(double),
        halfApplied: (await scenario.invariants?.(database.db, double)) ?? [],
        restartedCleanly: probeAnswered && code === 0,
      };
    } finally {
      await database.close();
    }
  } finally {
    // Only when a step above failed: a bot left running would outlive the test.
    for (const child of processes)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
