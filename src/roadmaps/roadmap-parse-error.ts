export type RoadmapParseErrorReason =
  | 'too-large'
  | 'not-text'
  | 'too-complex'
  | 'unreadable'
  | 'no-items'
  | 'too-many-items'
  | 'too-many-phases';

/** The only error parseRoadmap throws; `message` is written for the person who sent the file. */
export class RoadmapParseError extends Error {
  override readonly name = 'RoadmapParseError';

  constructor(
    readonly reason: RoadmapParseErrorReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
