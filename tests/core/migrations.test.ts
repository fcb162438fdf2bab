import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  titleKey as frozenTitleKey,
  urlKey as frozenUrlKey,
} from '../../migrations/2026-12-01-001-unique-titles-and-urls.js';
import {
  type DatabaseHandle,
  openSqliteDatabase,
  type SqliteDatabaseHandle,
} from '../../src/db/connection.js';
import { listMarkedDuplicates } from '../../src/db/marked-duplicates.js';
import { createMigrator, migrateDownAll, migrateToLatest } from '../../src/db/migrator.js';
import { normalizeUrl } from '../../src/shared/normalize-url.js';
import { projectTitleKey } from '../../src/sharing/project-title.js';

async function tableNames(handle: SqliteDatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type in ('table', 'index') and name not like 'sqlite_%' order by name
  `.execute(handle.db);
  return rows.map((row) => row.name);
}

describe('migrations', () => {
  let handle: SqliteDatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('GIVEN a fresh database THEN up → down → up leaves the same schema and down leaves nothing', async () => {
    handle = openSqliteDatabase(':memory:');
    const applied = await migrateToLatest(handle.db);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied).toEqual([...applied].sort());
    const schema = await tableNames(handle);

    await migrateDownAll(handle.db);
    expect((await tableNames(handle)).filter((name) => !name.startsWith('kysely_'))).toEqual([]);

    await migrateToLatest(handle.db);
    expect(await tableNames(handle)).toEqual(schema);
  });

  it('GIVEN the migrations folder THEN src/db/migration-list.ts lists every migration file, by its name', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(new URL('../../migrations/', import.meta.url))
      .filter((file) => /^\d{4}-\d{2}-\d{2}-.+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''));
    handle = openSqliteDatabase(':memory:');
    const migrations = await createMigrator(handle.db).getMigrations();
    expect(migrations.map((migration) => migration.name)).toEqual(files.sort());
    // Each name maps to its own file's module, not only to some module.
    const { MIGRATIONS } = await import('../../src/db/migration-list.js');
    for (const name of files) {
      expect(MIGRATIONS[name], name).toBe(await import(`../../migrations/${name}.ts`));
    }
  });

  it('GIVEN an up-to-date database THEN migrating again does nothing', async () => {
    handle = openSqliteDatabase(':memory:');
    await migrateToLatest(handle.db);
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });

  it('GIVEN a file database THEN the pragmas are set', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const folder = join(mkdtempSync(join(tmpdir(), 'waymark-')), 'nested', 'folder');
    handle = openSqliteDatabase(join(folder, 'w.sqlite'));
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});

describe('migration 2026-12-01-001: unique project titles and links', () => {
  const NAME = '2026-12-01-001-unique-titles-and-urls';
  const BEFORE = '2026-11-26-005-digest';
  let handle: SqliteDatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  /** Rows as the application stored them before this migration (links normalized the old way). */
  async function seedOldRows(db: DatabaseHandle['db']): Promise<void> {
    const at = '2026-11-26T10:00:00.000Z';
    for (const [guild, url] of [
      ['g1', 'https://docs.python.org/3'],
      ['g1', 'http://www.docs.python.org/3'],
      ['g1', 'https://youtu.be/rfscVS0vtbw'],
      ['g1', 'https://www.youtube.com/watch?feature=share&v=rfscVS0vtbw'],
      ['g1', 'https://example.com/a'],
      ['g2', 'http://docs.python.org/3'],
    ] as const) {
      await sql`insert into resources (guild_id, user_id, url, title, category, created_at)
        values (${guild}, 'u1', ${url}, 'Title', 'other', ${at})`.execute(db);
    }
    for (const [user, title] of [
      ['u1', 'Todo CLI'],
      ['u1', 'todo cli'],
      ['u1', 'Blog'],
      ['u2', 'Todo CLI'],
    ] as const) {
      await sql`insert into projects (guild_id, user_id, title, status, created_at, updated_at)
        values ('g1', ${user}, ${title}, 'active', ${at}, ${at})`.execute(db);
    }
  }

  async function marks(db: DatabaseHandle['db']) {
    const { rows: resources } = await sql<{ id: number; url_key: string; duplicate_of: number | null }>`
      select id, url_key, duplicate_of from resources order by id
    `.execute(db);
    const { rows: projects } = await sql<{ id: number; title_key: string; duplicate_of: number | null }>`
      select id, title_key, duplicate_of from projects order by id
    `.execute(db);
    return { resources, projects };
  }

  it('GIVEN existing duplicates THEN up keeps every row, marks the newer ones and reports them; down → up gives the same marks', async () => {
    handle = openSqliteDatabase(':memory:');
    const migrator = createMigrator(handle.db);
    await migrator.migrateTo(BEFORE);
    await seedOldRows(handle.db);

    const { results } = await migrator.migrateTo(NAME);
    expect(results?.map((result) => result.migrationName)).toEqual([NAME]);
    const first = await marks(handle.db);
    expect(first.resources).toEqual([
      { id: 1, url_key: 'docs.python.org/3', duplicate_of: null },
      { id: 2, url_key: 'docs.python.org/3', duplicate_of: 1 },
      { id: 3, url_key: 'youtube.com/watch?v=rfscVS0vtbw', duplicate_of: null },
      { id: 4, url_key: 'youtube.com/watch?v=rfscVS0vtbw', duplicate_of: 3 },
      { id: 5, url_key: 'example.com/a', duplicate_of: null },
      { id: 6, url_key: 'docs.python.org/3', duplicate_of: null },
    ]);
    expect(first.projects).toEqual([
      { id: 1, title_key: 'todo cli', duplicate_of: null },
      { id: 2, title_key: 'todo cli', duplicate_of: 1 },
      { id: 3, title_key: 'blog', duplicate_of: null },
      { id: 4, title_key: 'todo cli', duplicate_of: null },
    ]);
    expect(await listMarkedDuplicates(handle.db)).toEqual([
      { table: 'resources', id: 2, guildId: 'g1', duplicateOf: 1 },
      { table: 'resources', id: 4, guildId: 'g1', duplicateOf: 3 },
      { table: 'projects', id: 2, guildId: 'g1', duplicateOf: 1 },
    ]);
    // From now on the database itself refuses a new duplicate.
    await expect(
      sql`insert into projects (guild_id, user_id, title, title_key, status, created_at, updated_at)
        values ('g1', 'u1', 'TODO CLI', 'todo cli', 'active', 'x', 'x')`.execute(handle.db),
    ).rejects.toThrow(/UNIQUE constraint failed/);

    await migrator.migrateDown();
    const { rows: columns } = await sql<{ name: string }>`
      select name from pragma_table_info('resources') union all select name from pragma_table_info('projects')
    `.execute(handle.db);
    const names = columns.map((column) => column.name);
    for (const added of ['url_key', 'title_key', 'duplicate_of']) expect(names).not.toContain(added);
    expect(
      (await sql<{ n: number }>`select count(*) as n from resources`.execute(handle.db)).rows[0]?.n,
    ).toBe(6);

    await migrateToLatest(handle.db);
    expect(await marks(handle.db)).toEqual(first);
  });

  it('GIVEN any stored link THEN the migration’s frozen key is the application’s key today', () => {
    // If this fails, the application's link identity changed: keys already stored need a new
    // migration that recomputes them (this one stays as it is).
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }), (input) => {
        const normalized = normalizeUrl(input);
        if (!normalized.ok) return;
        expect(frozenUrlKey(normalized.url)).toBe(normalized.key);
      }),
      { numRuns: 300 },
    );
    for (const input of [
      'https://youtu.be/rfscVS0vtbw?si=1&t=4',
      'http://m.youtube.com/shorts/rfscVS0vtbw/',
      'https://www.example.com:8080/a/?feature=share&b=1&utm_x=2&a=3',
    ]) {
      const normalized = normalizeUrl(input);
      expect(normalized.ok && frozenUrlKey(normalized.url)).toBe(normalized.ok && normalized.key);
    }
    expect(frozenTitleKey('  Ünïcode CLI ')).toBe(projectTitleKey('  Ünïcode CLI '));
  });
});

/**
 * A database migrated up to the migration before `name`, holding one roadmap, so `name`'s up,
 * down and up again run over existing rows.
 */
async function justBeforeWithARoadmap(handle: DatabaseHandle, name: string) {
  const migrator = createMigrator(handle.db);
  const names = (await migrator.getMigrations()).map((migration) => migration.name);
  const before = names[names.indexOf(name) - 1];
  if (!before) throw new Error(`${name} has no migration before it`);
  await migrator.migrateTo(before);
  await sql`insert into roadmaps (guild_id, name, source, created_by, created_at, updated_at)
    values ('g1', 'web', 'web.md', 'u1', '2026-11-26T10:00:00.000Z', '2026-11-26T10:00:00.000Z')`.execute(
    handle.db,
  );
  return { migrator, before };
}

describe('migration 2026-12-01-003: roadmap version', () => {
  const NAME = '2026-12-01-003-roadmap-version';
  let handle: SqliteDatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  async function versions(db: DatabaseHandle['db']): Promise<unknown[]> {
    const { rows } = await sql<Record<string, unknown>>`select * from roadmaps order by id`.execute(db);
    return rows.map((row) => row.version);
  }

  it('GIVEN existing roadmaps THEN up gives each version 0, down removes the column and up again restores it', async () => {
    handle = openSqliteDatabase(':memory:');
    const { migrator, before } = await justBeforeWithARoadmap(handle, NAME);

    expect((await migrator.migrateTo(NAME)).results).toEqual([
      { migrationName: NAME, direction: 'Up', status: 'Success' },
    ]);
    expect(await versions(handle.db)).toEqual([0]);
    await migrator.migrateTo(before);
    expect(await versions(handle.db)).toEqual([undefined]);
    await migrateToLatest(handle.db);
    expect(await versions(handle.db)).toEqual([0]);
  });
});

describe('migration 2026-12-01-004: roadmap admin', () => {
  const NAME = '2026-12-01-004-roadmap-admin';
  let handle: SqliteDatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  async function archivedColumns(db: DatabaseHandle['db']): Promise<unknown[]> {
    const { rows } = await sql<Record<string, unknown>>`select * from roadmaps order by id`.execute(db);
    return rows.map((row) => [row.name, row.archived_at, row.archived_by]);
  }

  async function hasLog(db: DatabaseHandle['db']): Promise<boolean> {
    const { rows } = await sql`select name from sqlite_master where name = 'roadmap_admin_log'`.execute(db);
    return rows.length === 1;
  }

  it('GIVEN existing roadmaps THEN up leaves them unarchived with an empty log, down removes both and up again restores them', async () => {
    handle = openSqliteDatabase(':memory:');
    const { migrator, before } = await justBeforeWithARoadmap(handle, NAME);

    expect((await migrator.migrateTo(NAME)).results).toEqual([
      { migrationName: NAME, direction: 'Up', status: 'Success' },
    ]);
    expect(await archivedColumns(handle.db)).toEqual([['web', null, null]]);
    expect(await hasLog(handle.db)).toBe(true);
    await sql`insert into roadmap_admin_log (guild_id, roadmap_id, action, detail, user_id, occurred_at)
      values ('g1', 1, 'rename', 'web → Web', 'u1', '2026-12-01T10:00:00.000Z')`.execute(handle.db);

    await migrator.migrateTo(before);
    expect(await archivedColumns(handle.db)).toEqual([['web', undefined, undefined]]);
    expect(await hasLog(handle.db)).toBe(false);
    await migrateToLatest(handle.db);
    expect(await archivedColumns(handle.db)).toEqual([['web', null, null]]);
    expect(await hasLog(handle.db)).toBe(true);
  });
});

describe('migration 2026-12-02-001: item topics', () => {
  const NAME = '2026-12-02-001-item-topics';
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  async function itemColumns(db: DatabaseHandle['db']): Promise<unknown[]> {
    const { rows } = await sql<Record<string, unknown>>`select * from roadmap_items order by id`.execute(db);
    return rows.map((row) => [row.label, row.section, row.topic, row.description, row.tags]);
  }

  async function hasSources(db: DatabaseHandle['db']): Promise<boolean> {
    const { rows } = await sql`select name from sqlite_master where name = 'roadmap_sources'`.execute(db);
    return rows.length === 1;
  }

  it('GIVEN existing items THEN up makes each section its topic with no description or tags, down removes them and up again restores them', async () => {
    handle = openSqliteDatabase(':memory:');
    const { migrator, before } = await justBeforeWithARoadmap(handle, NAME);
    await sql`insert into roadmap_phases (roadmap_id, position, title, heading_level) values (1, 0, 'P', 2)`.execute(
      handle.db,
    );
    await sql`insert into roadmap_items (roadmap_id, phase_id, key, label, markdown, section, position, created_at, updated_at)
      values (1, 1, 'p/a', 'a', 'a', 'Core', 0, '2026-11-26T10:00:00.000Z', '2026-11-26T10:00:00.000Z'),
             (1, 1, 'p/b', 'b', 'b', null, 1, '2026-11-26T10:00:00.000Z', '2026-11-26T10:00:00.000Z')`.execute(
      handle.db,
    );

    expect((await migrator.migrateTo(NAME)).results).toEqual([
      { migrationName: NAME, direction: 'Up', status: 'Success' },
    ]);
    expect(await itemColumns(handle.db)).toEqual([
      ['a', 'Core', 'Core', null, null],
      ['b', null, null, null, null],
    ]);
    expect(await hasSources(handle.db)).toBe(true);
    await sql`insert into roadmap_sources (roadmap_id, markdown, marks) values (1, '- [ ] a', '[]')`.execute(
      handle.db,
    );

    await migrator.migrateTo(before);
    expect(await itemColumns(handle.db)).toEqual([
      ['a', 'Core', undefined, undefined, undefined],
      ['b', null, undefined, undefined, undefined],
    ]);
    expect(await hasSources(handle.db)).toBe(false);
    await migrateToLatest(handle.db);
    expect(await itemColumns(handle.db)).toEqual([
      ['a', 'Core', 'Core', null, null],
      ['b', null, null, null, null],
    ]);
    expect(await hasSources(handle.db)).toBe(true);
  });

  it('GIVEN a roadmap with its imported text THEN deleting the roadmap deletes the text', async () => {
    handle = openSqliteDatabase(':memory:');
    await justBeforeWithARoadmap(handle, NAME);
    await migrateToLatest(handle.db);
    await sql`insert into roadmap_sources (roadmap_id, markdown, marks) values (1, '- [ ] a', '[]')`.execute(
      handle.db,
    );
    await sql`delete from roadmaps where id = 1`.execute(handle.db);
    const { rows } = await sql`select roadmap_id from roadmap_sources`.execute(handle.db);
    expect(rows).toEqual([]);
  });
});

describe('migration 2026-12-02-002: pending imports', () => {
  const NAME = '2026-12-02-002-pending-imports';
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  async function pending(db: DatabaseHandle['db']): Promise<unknown[] | undefined> {
    const { rows } = await sql`select name from sqlite_master where name = 'pending_roadmap_imports'`.execute(
      db,
    );
    if (rows.length === 0) return undefined;
    return (
      await sql<
        Record<string, unknown>
      >`select id, roadmap_id, roadmap_version from pending_roadmap_imports`.execute(db)
    ).rows;
  }

  const insertPending = sql`insert into pending_roadmap_imports
    (id, guild_id, roadmap_id, roadmap_version, user_id, source, parsed, created_at)
    values ('p1', 'g1', 1, 0, 'u1', 'web.md', '{}', '2026-12-02T10:00:00.000Z')`;

  it('GIVEN an existing roadmap THEN up adds an empty table that holds a preview, down removes it and up again restores it', async () => {
    handle = openSqliteDatabase(':memory:');
    const { migrator, before } = await justBeforeWithARoadmap(handle, NAME);

    expect((await migrator.migrateTo(NAME)).results).toEqual([
      { migrationName: NAME, direction: 'Up', status: 'Success' },
    ]);
    expect(await pending(handle.db)).toEqual([]);
    await insertPending.execute(handle.db);
    expect(await pending(handle.db)).toEqual([{ id: 'p1', roadmap_id: 1, roadmap_version: 0 }]);

    await migrator.migrateTo(before);
    expect(await pending(handle.db)).toBeUndefined();
    await migrateToLatest(handle.db);
    expect(await pending(handle.db)).toEqual([]);
    // A deleted roadmap takes its pending previews with it.
    await insertPending.execute(handle.db);
    await sql`delete from roadmaps`.execute(handle.db);
    expect(await pending(handle.db)).toEqual([]);
  });
});

describe('migration 2026-12-02-003: outbox', () => {
  const NAME = '2026-12-02-003-outbox';
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  async function outboxColumns(db: DatabaseHandle['db']): Promise<string[] | undefined> {
    const tables = await db.introspection.getTables();
    return tables.find((table) => table.name === 'outbox')?.columns.map((column) => column.name);
  }

  it('GIVEN an existing database THEN up adds an empty outbox, down removes it and up again restores it', async () => {
    handle = openSqliteDatabase(':memory:');
    const { migrator, before } = await justBeforeWithARoadmap(handle, NAME);

    expect((await migrator.migrateTo(NAME)).results).toEqual([
      { migrationName: NAME, direction: 'Up', status: 'Success' },
    ]);
    const columns = await outboxColumns(handle.db);
    expect(columns).toEqual(
      expect.arrayContaining(['payload', 'status', 'attempts', 'claimed_by', 'next_attempt_at']),
    );
    await handle.db
      .insertInto('outbox')
      .values({
        guild_id: 'g1',
        kind: 'learning',
        channel_id: 'c1',
        owner_id: 'u1',
        payload: '{"message":{},"data":{}}',
        next_attempt_at: '2026-12-02T10:00:00.000Z',
        created_at: '2026-12-02T10:00:00.000Z',
        updated_at: '2026-12-02T10:00:00.000Z',
      })
      .execute();
    expect(await handle.db.selectFrom('outbox').select(['status', 'attempts']).execute()).toEqual([
      { status: 'pending', attempts: 0 },
    ]);

    await migrator.migrateTo(before);
    expect(await outboxColumns(handle.db)).toBeUndefined();
    await migrateToLatest(handle.db);
    expect(await outboxColumns(handle.db)).toEqual(columns);
    expect(await handle.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });
});
