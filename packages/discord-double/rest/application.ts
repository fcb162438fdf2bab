import type {
  APIApplication,
  APIGatewayBotInfo,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { type CommandScope, GLOBAL } from '../commands.js';
import { apiErrors, FormErrors } from '../errors.js';
import { asObject, validateCommand, validateCommands } from '../validation.js';
import { created, noContent, ok, type RestDeps, type RouteContext, type Router } from './router.js';

/** Gateway discovery, the application, its commands, and read-only guild routes. */
export function registerApplicationRoutes(router: Router, deps: RestDeps): void {
  const { state, commands } = deps;

  const gatewayBot = (): APIGatewayBotInfo => {
    const { shards, maxConcurrency } = deps.sharding();
    return {
      url: deps.gatewayUrl(),
      shards,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: maxConcurrency,
      },
    };
  };
  router.add('GET', '/gateway/bot', () => ok(gatewayBot()));
  router.add('GET', '/gateway', () => ok({ url: deps.gatewayUrl() }), { auth: false });

  router.add('GET', '/users/@me', () => ok(state.bot));
  router.add('GET', '/users/:userId', (ctx) => ok(state.user(ctx.params.userId!)));

  const application = (): APIApplication => ({
    id: state.application.id,
    name: state.application.name,
    icon: null,
    description: '',
    summary: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot: state.bot,
    verify_key: '0'.repeat(64),
    team: null,
    flags: state.application.flags,
    flags_new: String(state.application.flags),
    approximate_guild_count: state.guilds.size,
    interactions_endpoint_url: null,
  });
  router.add('GET', '/applications/@me', () => ok(application()));
  router.add('GET', '/oauth2/applications/@me', () => ok(application()));

  // ---------------------------------------------------------------------------------- commands

  /** Both `/applications/:app/commands` and `/applications/:app/guilds/:guild/commands`. */
  const scopeOf = (ctx: RouteContext): CommandScope => {
    if (ctx.params.applicationId !== state.application.id) throw apiErrors.notYourApplication();
    const guildId = ctx.params.guildId;
    if (guildId === undefined) return GLOBAL;
    // Without the bot (or the applications.commands scope) in the guild Discord answers Missing Access.
    if (!state.guilds.has(guildId)) throw apiErrors.missingAccess();
    return guildId;
  };
  const validateOne = (body: unknown, partial: boolean) => {
    const command = asObject(body);
    const errors = new FormErrors();
    if (!partial || command.name !== undefined) validateCommand(command, [], errors);
    errors.throwIfAny();
    return command as unknown as RESTPostAPIApplicationCommandsJSONBody;
  };

  for (const base of [
    '/applications/:applicationId/commands',
    '/applications/:applicationId/guilds/:guildId/commands',
  ]) {
    router.add('GET', base, (ctx) => ok(commands.list(scopeOf(ctx))));
    router.add('PUT', base, (ctx) => {
      const scope = scopeOf(ctx);
      return ok(commands.overwrite(scope, validateCommands(ctx.body)));
    });
    router.add('POST', base, (ctx) => {
      const scope = scopeOf(ctx);
      const { command, created: isNew } = commands.upsert(scope, validateOne(ctx.body, false));
      return isNew ? created(command) : ok(command);
    });
    router.add('GET', `${base}/:commandId`, (ctx) => ok(commands.get(scopeOf(ctx), ctx.params.commandId!)));
    router.add('PATCH', `${base}/:commandId`, (ctx) => {
      const scope = scopeOf(ctx);
      return ok(commands.edit(scope, ctx.params.commandId!, validateOne(ctx.body, true)));
    });
    router.add('DELETE', `${base}/:commandId`, (ctx) => {
      commands.delete(scopeOf(ctx), ctx.params.commandId!);
      return noContent();
    });
  }

  // ------------------------------------------------------------------------------------ guilds

  router.add('GET', '/guilds/:guildId', (ctx) => {
    const guild = state.guild(ctx.params.guildId!);
    const withCounts = ctx.query.get('with_counts') === 'true';
    return ok({
      ...state.guildPayload(guild.id),
      ...(withCounts ? { approximate_member_count: guild.members.size, approximate_presence_count: 0 } : {}),
    });
  });
  router.add('GET', '/guilds/:guildId/channels', (ctx) =>
    ok(state.guildChannels(state.guild(ctx.params.guildId!).id)),
  );
  router.add('GET', '/guilds/:guildId/roles', (ctx) =>
    ok([...state.guild(ctx.params.guildId!).roles.values()]),
  );
  router.add('GET', '/guilds/:guildId/members/:userId', (ctx) => {
    const guildId = state.guild(ctx.params.guildId!).id;
    const userId = ctx.params.userId === '@me' ? state.bot.id : ctx.params.userId!;
    return ok(state.memberPayload(guildId, userId));
  });
  router.add('GET', '/guilds/:guildId/threads/active', (ctx) => {
    const guildId = state.guild(ctx.params.guildId!).id;
    const threads = state.threadsOf(guildId).filter((t) => !t.thread_metadata?.archived);
    const members = threads
      .filter((t) => state.threadMembers.get(t.id)?.has(state.bot.id))
      .map((t) => ({
        id: t.id,
        user_id: state.bot.id,
        join_timestamp: t.thread_metadata!.create_timestamp!,
        flags: 0,
      }));
    return ok({ threads, members });
  });
}
