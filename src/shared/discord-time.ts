import { TimestampStyles, type TimestampStylesString, time } from '@discordjs/formatters';

/** A Discord timestamp, so every reader sees the instant in their own time zone. */
export function discordTime(
  at: Date | string,
  style: TimestampStylesString = TimestampStyles.ShortDateTime,
): string {
  return time(new Date(at), style);
}

export function relativeTime(at: Date | string): string {
  return discordTime(at, TimestampStyles.RelativeTime);
}
