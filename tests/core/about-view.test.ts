import { describe, expect, it } from 'vitest';
import { WAYMARK_COLOR } from '../../src/discord/embeds.js';
import { type AboutFacts, renderAboutEmbed } from '../../src/discord/views/about-view.js';
import { fleetStatus } from '../../src/shared/fleet-status.js';

const now = new Date('2026-12-02T10:00:00Z');
const startedAt = new Date('2026-12-02T08:30:00Z');

function facts(overrides: Partial<AboutFacts> = {}): AboutFacts {
  return {
    version: '1.2.3',
    startedAt,
    pingMs: 41.6,
    database: { ok: true, latencyMs: 0.36, migrations: 31 },
    place: { dialect: 'sqlite', location: ':memory:', pool: undefined },
    servers: 2_000,
    failuresLastHour: 3,
    processName: 'host/42',
    shards: { count: 4, owned: [0, 1, 3] },
    serverShard: 3,
    fleet: fleetStatus(
      [
        {
          shard_id: 0,
          shard_count: 4,
          process_id: 'host/42',
          ping_ms: 41,
          servers: 500,
          beat_at: new Date(now.getTime() - 5_000).toISOString(),
        },
      ],
      4,
      now,
    ),
    posts: { pending: 2, failed: 0, failedForMember: 0 },
    ...overrides,
  };
}

function fields(embed: ReturnType<typeof renderAboutEmbed>): Record<string, string> {
  return Object.fromEntries((embed.fields ?? []).map((field) => [field.name, field.value]));
}

describe('/about, as plain embed data', () => {
  it('GIVEN a healthy process THEN every field, in order, with its layout', () => {
    const embed = renderAboutEmbed(facts());
    const startedAtSeconds = startedAt.getTime() / 1000;
    expect(embed).toEqual({
      color: WAYMARK_COLOR,
      title: 'Waymark',
      description: 'Roadmaps, progress and a weekly digest that keep a learning community accountable.',
      fields: [
        { name: 'Version', value: '1.2.3', inline: true },
        { name: 'Up since', value: `<t:${startedAtSeconds}:f> (<t:${startedAtSeconds}:R>)`, inline: true },
        { name: 'Gateway ping', value: '42 ms', inline: true },
        { name: 'Database', value: 'OK · 0.4 ms · 31 migrations', inline: true },
        { name: 'Servers', value: '2000', inline: true },
        { name: 'Failures (last hour)', value: '3', inline: true },
        { name: 'Stored in', value: 'SQLite · in memory' },
        { name: 'This process', value: 'host/42 · shards 0-1,3 of 4 · this server on shard 3' },
        {
          name: 'Fleet',
          value: [
            '1 process · 1 of 4 shards up',
            '#1 down',
            '#2 down',
            '#3 down',
            '#0 up · 41 ms · 500 servers · host/42',
          ].join('\n'),
        },
        { name: 'Posts to deliver', value: '2 pending · 0 failed', inline: false },
      ],
    });
  });

  it('GIVEN no ping yet and the database unreachable THEN both say so', () => {
    const shown = fields(
      renderAboutEmbed(facts({ pingMs: -1, database: { ok: false, latencyMs: 5, migrations: 0 } })),
    );
    expect(shown['Gateway ping']).toBe('measuring…');
    expect(shown.Database).toBe('Unavailable — an admin should check the logs');
  });

  it('GIVEN a SQLite file, or PostgreSQL with and without queries waiting THEN where the data is, and the pool', () => {
    const storedIn = (place: AboutFacts['place']) => fields(renderAboutEmbed(facts({ place })))['Stored in'];
    expect(storedIn({ dialect: 'sqlite', location: 'data/waymark.sqlite', pool: undefined })).toBe(
      'SQLite · `data/waymark.sqlite`',
    );
    const pool = { inUse: 1, idle: 3, waiting: 0, size: 4 };
    expect(storedIn({ dialect: 'postgres', location: 'db:5432/waymark', pool })).toBe(
      'PostgreSQL · `db:5432/waymark` · pool: 1 in use, 3 idle of 4',
    );
    expect(
      storedIn({ dialect: 'postgres', location: 'db:5432/waymark', pool: { ...pool, waiting: 7 } }),
    ).toBe('PostgreSQL · `db:5432/waymark` · pool: 1 in use, 3 idle of 4, 7 waiting');
  });

  it('GIVEN failed posts, some of them the member’s THEN the member learns which and what to do', () => {
    const posts = (failedForMember: number) =>
      fields(renderAboutEmbed(facts({ posts: { pending: 0, failed: 3, failedForMember } })))[
        'Posts to deliver'
      ];
    expect(posts(0)).toBe('0 pending · 3 failed');
    expect(posts(1)).toBe(
      '0 pending · 3 failed\n1 of them is yours: Waymark could not post it after several tries. An admin can check Waymark’s permissions in the channel.',
    );
    expect(posts(2)).toMatch(/^0 pending · 3 failed\n2 of them are yours: /);
  });
});
