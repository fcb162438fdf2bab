import { IANAZone } from 'luxon';

let knownZones: readonly string[] | undefined;

/**
 * Every IANA zone this runtime knows, for validation and autocomplete. Listed on first use: the
 * configuration imports this module, and asking ICU for its zones would add to every start.
 */
export function timeZones(): readonly string[] {
  knownZones ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])];
  return knownZones;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The zone's canonical spelling (`europe/berlin` → `Europe/Berlin`), or undefined if unknown. */
export function canonicalTimeZone(input: string): string | undefined {
  const trimmed = input.trim();
  if (trimmed === '' || !isValidTimeZone(trimmed)) return undefined;
  const wanted = trimmed.toLowerCase();
  return (
    timeZones().find((zone) => zone.toLowerCase() === wanted) ??
    new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone
  );
}

/** Zones matching what was typed, names starting with it first; at most `limit` (autocomplete). */
export function matchTimeZones(typed: string, limit = 25): string[] {
  const query = typed.trim().toLowerCase().replace(/\s+/g, '_');
  if (query === '') return timeZones().slice(0, limit);
  const matches = timeZones().filter((zone) => zone.toLowerCase().includes(query));
  const startsWith = (zone: string) =>
    zone
      .toLowerCase()
      .split('/')
      .some((part) => part.startsWith(query)) || zone.toLowerCase().startsWith(query);
  return [...matches.filter(startsWith), ...matches.filter((zone) => !startsWith(zone))].slice(0, limit);
}
