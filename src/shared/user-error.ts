/**
 * An expected refusal: bad input, a missing permission, an unknown item. The error boundary
 * shows its message to the member as it is (ephemeral), and nothing is logged as a failure.
 */
export class UserError extends Error {
  override name = 'UserError';
}
