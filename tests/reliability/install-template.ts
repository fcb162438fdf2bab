import type { DiscordDouble } from '@waymark/discord-double';

/**
 * Installs the bundled python-developer roadmap as the seeded admin, through the running bot,
 * and returns its first items' ids as /check's autocomplete offers them to a member.
 */
export async function installPythonTemplate(double: DiscordDouble): Promise<string[]> {
  const admin = double.users.admin.id;
  const installed = await double.interact(
    double.slash({
      name: 'roadmap',
      subcommand: 'template',
      user: admin,
      options: { name: 'python-developer' },
    }),
  );
  await installed.final({ timeoutMs: 15_000 });
  const choices = await (
    await double.interact(double.autocomplete({ name: 'check', focused: 'item', user: admin }))
  ).choices();
  return choices.map((choice) => String(choice.value));
}
