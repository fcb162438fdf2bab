import { UserError } from '../shared/user-error.js';

/** Discord's limit for `custom_id` on buttons, selects and modals. */
export const CUSTOM_ID_MAX_LENGTH = 100;

export interface CustomId {
  command: string;
  action: string;
  args: string[];
}

/**
 * Components and modals are routed by the command that created them: `command:action:arg…`.
 * Arguments must not contain `:`; anything longer belongs in a stored view state.
 */
export function buildCustomId(command: string, action: string, ...args: (string | number)[]): string {
  const parts = [command, action, ...args.map(String)];
  if (parts.some((part) => part.includes(':')))
    throw new Error(`custom id part contains ':' (${parts.join(',')})`);
  const id = parts.join(':');
  if (id.length > CUSTOM_ID_MAX_LENGTH)
    throw new Error(`custom id longer than ${CUSTOM_ID_MAX_LENGTH}: ${id}`);
  return id;
}

export function parseCustomId(id: string): CustomId {
  const [command = '', action = '', ...args] = id.split(':');
  return { command, action, args };
}

/** Buttons belong to the member who opened the view; anyone else is told so. */
export function assertComponentOwner(actorId: string, ownerId: string | undefined): void {
  if (actorId !== ownerId) {
    throw new UserError(
      'These buttons belong to someone else’s view. Run the command yourself to get your own.',
    );
  }
}
