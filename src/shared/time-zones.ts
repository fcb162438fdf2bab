import { IANAZone } from 'luxon';

/** Every IANA zone this runtime knows, for validation and autocomplete. */
export const TIME_ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'].filter(
  (zone, index, all) => all.indexOf(zone) === index,
);

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The zone's canonical spelling (`europe/berlin` → `Europe/Berlin`), or undefined if unknown. */
export function canonicalTimeZone(input: string): string | undefined {
  const trimmed = input.trim();
  if (trimmed === '' || !isValidTimeZone(trimmed)) return undefined;
  const wanted = trimmed.toLowerCase();
  return (
    TIME_ZONES.find((zone) => zone.toLowerCase() === wanted) ??
    new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone
  );
}

/** Zones matching what was typed, names starting with it first; at most `limit` (autocomplete). */
export function matchTimeZones(typed: string, limit = 25): string[] {
  const query = typed.trim().toLowerCase().replace(/\s+/g, '_');
  if (query === '') return TIME_ZONES.slice(0, limit);
  const matches = TIME_ZONES.filter((zone) => zone.toLowerCase().includes(query));
  const startsWith = (zone: string) =>
    zone
      .toLowerCase()
      .split('/')
      .some((part) => part.startsWith(query)) || zone.toLowerCase().startsWith(query);
  return [...matches.filter(startsWith), ...matches.filter((zone) => !startsWith(zone))].slice(0, limit);
}
