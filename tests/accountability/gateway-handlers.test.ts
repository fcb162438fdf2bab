import { type GatewayMessageCreateDispatchData, MessageType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { isMemberMessage } from '../../src/discord/listeners/thread-replies.js';

const message = (overrides: Partial<GatewayMessageCreateDispatchData>) =>
  ({
    id: '1',
    channel_id: '2',
    guild_id: '3',
    type: MessageType.Default,
    author: { id: '4', username: 'ada', discriminator: '0', global_name: null, avatar: null },
    content: '',
    ...overrides,
  }) as GatewayMessageCreateDispatchData;

describe('isMemberMessage', () => {
  it('GIVEN a member’s message or reply in a guild THEN it counts', () => {
    expect(isMemberMessage(message({}))).toBe(true);
    expect(isMemberMessage(message({ type: MessageType.Reply }))).toBe(true);
  });

  it.each([
    [
      'a bot',
      {
        author: { id: '5', username: 'bot', discriminator: '0', global_name: null, avatar: null, bot: true },
      },
    ],
    ['a webhook', { webhook_id: '6' }],
    ['a system notice', { type: MessageType.ThreadStarterMessage }],
    ['a slash command response', { type: MessageType.ChatInputCommand }],
    ['a direct message', { guild_id: undefined }],
  ])('GIVEN %s THEN it does not count', (_case, overrides) => {
    expect(isMemberMessage(message(overrides as Partial<GatewayMessageCreateDispatchData>))).toBe(false);
  });
});
