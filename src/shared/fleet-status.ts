/** A heartbeat older than this means its shard (or its whole process) is down. */
export const HEARTBEAT_STALE_MS = 60_000;

export interface HeartbeatRow {
  shard_id: number;
  shard_count: number;
  process_id: string;
  ping_ms: number;
  servers: number;
  beat_at: string;
}

export interface ShardStatus {
  shardId: number;
  up: boolean;
  /** Undefined for a shard no process ever reported. */
  processId?: string;
  pingMs?: number;
  servers?: number;
}

export interface FleetStatus {
  shardCount: number;
  shards: ShardStatus[];
  /** Processes with at least one shard up, by name, with their shards. */
  processes: { processId: string; shards: number[] }[];
}

/**
 * The fleet as `/about` shows it: every shard of the current count, up when its heartbeat is
 * fresh. Rows of an older shard count (before a reshard) are ignored.
 */
export function fleetStatus(rows: readonly HeartbeatRow[], shardCount: number, now: Date): FleetStatus {
  const byShard = new Map(
    rows.filter((row) => row.shard_count === shardCount).map((row) => [row.shard_id, row]),
  );
  const shards: ShardStatus[] = Array.from({ length: shardCount }, (_, shardId) => {
    const row = byShard.get(shardId);
    if (!row) return { shardId, up: false };
    const up = now.getTime() - Date.parse(row.beat_at) < HEARTBEAT_STALE_MS;
    return { shardId, up, processId: row.process_id, pingMs: row.ping_ms, servers: row.servers };
  });
  const processes = new Map<string, number[]>();
  for (const shard of shards) {
    if (!shard.up || shard.processId === undefined) continue;
    processes.set(shard.processId, [...(processes.get(shard.processId) ?? []), shard.shardId]);
  }
  return {
    shardCount,
    shards,
    processes: [...processes].map(([processId, ids]) => ({ processId, shards: ids })),
  };
}

/** Enough lines to see a fleet at a glance inside one embed field (1,024 characters). */
const SHARD_LINES_SHOWN = 12;

/** `/about`'s fleet field: a summary line, then the shards, the down ones first. */
export function describeFleet(status: FleetStatus): string {
  const up = status.shards.filter((shard) => shard.up).length;
  const processes = status.processes.length;
  const summary = `${processes} ${processes === 1 ? 'process' : 'processes'} · ${up} of ${status.shardCount} shards up`;
  const ordered = [...status.shards].sort((a, b) => Number(a.up) - Number(b.up) || a.shardId - b.shardId);
  const lines = ordered.slice(0, SHARD_LINES_SHOWN).map((shard) => {
    if (!shard.up) return `#${shard.shardId} down`;
    const ping = shard.pingMs !== undefined && shard.pingMs >= 0 ? `${shard.pingMs} ms` : 'measuring…';
    return `#${shard.shardId} up · ${ping} · ${shard.servers} servers · ${shard.processId}`;
  });
  const hidden = ordered.length - lines.length;
  if (hidden > 0) lines.push(`…and ${hidden} more`);
  return [summary, ...lines].join('\n');
}
