/** `"roadmap follow"` → a clickable `</roadmap follow:id>`, or `` `/roadmap follow` `` when the id is unknown. */
export type CommandMention = (path: string) => string;

export function mentionCommands(ids: ReadonlyMap<string, string>): CommandMention {
  return (path) => {
    const id = ids.get(path.split(' ')[0] ?? path);
    return id ? `</${path}:${id}>` : `\`/${path}\``;
  };
}
