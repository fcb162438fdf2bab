/**
 * The baseline of `npm run bench:load`: a bot built from discord.js alone, with Waymark's
 * non-privileged intents and discord.js's default caches, that answers every interaction as
 * cheaply as discord.js allows. Whatever Waymark costs beyond this is Waymark's own.
 *
 * Environment: DISCORD_TOKEN, DISCORD_API_URL, and BARE_LABELS (a JSON file with the labels
 * autocomplete filters, as an in-memory substring search).
 */
import { readFileSync } from 'node:fs';
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';

const AUTOCOMPLETE_LIMIT = 25;

const labels: string[] = process.env.BARE_LABELS
  ? (JSON.parse(readFileSync(process.env.BARE_LABELS, 'utf8')) as string[])
  : [];
const lowered = labels.map((label) => label.toLowerCase());

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
  allowedMentions: { parse: [] },
  rest: { api: process.env.DISCORD_API_URL ?? 'https://discord.com/api' },
});

client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isAutocomplete()) {
    const typed = String(interaction.options.getFocused()).toLowerCase();
    const choices: { name: string; value: string }[] = [];
    for (let i = 0; i < lowered.length && choices.length < AUTOCOMPLETE_LIMIT; i += 1) {
      if (lowered[i]!.includes(typed)) choices.push({ name: labels[i]!.slice(0, 100), value: String(i) });
    }
    void interaction.respond(choices).catch(() => undefined);
  } else if (interaction.isRepliable()) {
    void interaction.reply({ content: 'pong', flags: MessageFlags.Ephemeral }).catch(() => undefined);
  }
});

process.once('SIGTERM', () => {
  void client.destroy().then(() => process.exit(0));
});

await client.login(process.env.DISCORD_TOKEN);
