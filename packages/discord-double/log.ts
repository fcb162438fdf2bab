/** One REST call as the bot made it (the double's full request log). */
export interface RequestLogEntry {
  method: string;
  /** Path below `/api/v10`, without the query string, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (or `payload_json` of a multipart body); undefined when there was none. */
  body: unknown;
  files: { field: string; filename: string; contentType: string; size: number }[];
  auditLogReason: string | undefined;
  at: number;
  /** Filled once answered. */
  status?: number;
  /** True when a `failNext` fault answered instead of the route. */
  faulted?: boolean;
}

/** Something the bot did that the double does not implement. Never silently swallowed. */
export interface UnhandledRequest {
  method: string;
  path: string;
  reason: string;
  at: number;
  body?: unknown;
}
