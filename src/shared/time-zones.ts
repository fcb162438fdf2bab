import { IANAZone } from 'luxon';

/** Every IANA zone this runtime knows, for validation and autocomplete. */
export const TIME_ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'].filter(
  (zone, index, all) => all.indexOf(zone) === index,
);

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
