import { type Kysely, sql } from 'kysely';
import { autoIncrementId, byDialect, dialectOf } from './support/dialect.js';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Tags are stored lowercased and space-separated ("python async"), so the full-text index
  // can search them next to the text without a join.
  await db.schema
    .createTable('learnings')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('link', 'text')
    .addColumn('tags', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('item_id', 'integer', (col) => col.references('roadmap_items.id').onDelete('set null'))
    .addColumn('channel_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('thread_id', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  // SQLite appends the rowid to every index, so these also serve "newest first" (id desc).
  await db.schema.createIndex('learnings_guild').on('learnings').column('guild_id').execute();
  await db.schema.createIndex('learnings_member').on('learnings').columns(['guild_id', 'user_id']).execute();
  await db.schema.createIndex('learnings_item').on('learnings').column('item_id').execute();
  await db.schema.createIndex('learnings_thread').on('learnings').column('thread_id').execute();

  await byDialect(db, { sqlite: createSqliteSearch, postgres: createPostgresSearch })(db);

  // user_id is nullable so that erasing a member can keep the library entry, anonymised.
  await db.schema
    .createTable('resources')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text')
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('item_id', 'integer', (col) => col.references('roadmap_items.id').onDelete('set null'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('resources_guild_url', ['guild_id', 'url'])
    .execute();
  await db.schema
    .createIndex('resources_guild_category')
    .on('resources')
    .columns(['guild_id', 'category'])
    .execute();
  await db.schema.createIndex('resources_item').on('resources').column('item_id').execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('tech', 'text')
    .addColumn('repo_url', 'text')
    .addColumn('demo_url', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('projects_member').on('projects').columns(['guild_id', 'user_id']).execute();

  // Append-only: a reflection is a dated entry in the project's history, never edited.
  await db.schema
    .createTable('project_reflections')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('project_id', 'integer', (col) => col.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('project_reflections_project')
    .on('project_reflections')
    .column('project_id')
    .execute();
}

/**
 * SQLite's search: an external-content FTS5 index over the portable base table, kept in step
 * by triggers.
 */
async function createSqliteSearch(db: Kysely<unknown>): Promise<void> {
  await sql`
    create virtual table learnings_fts using fts5(
      text, tags, content='learnings', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
    )
  `.execute(db);
  await sql`
    create trigger learnings_fts_insert after insert on learnings begin
      insert into learnings_fts(rowid, text, tags) values (new.id, new.text, new.tags);
    end
  `.execute(db);
  await sql`
    create trigger learnings_fts_delete after delete on learnings begin
      insert into learnings_fts(learnings_fts, rowid, text, tags) values ('delete', old.id, old.text, old.tags);
    end
  `.execute(db);
  await sql`
    create trigger learnings_fts_update after update of text, tags on learnings begin
      insert into learnings_fts(learnings_fts, rowid, text, tags) values ('delete', old.id, old.text, old.tags);
      insert into learnings_fts(rowid, text, tags) values (new.id, new.text, new.tags);
    end
  `.execute(db);
}

/**
 * PostgreSQL's search, the same as SQLite's: English stems without stop words (FTS5's porter
 * tokenizer drops none), accents and case folded. A GIN index on the text-and-tags document
 * needs no column or trigger; queries use the very expression indexed here.
 */
async function createPostgresSearch(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create text search dictionary waymark_english_stem (template = snowball, language = english)`.execute(
    db,
  );
  await sql`create text search configuration waymark_english (copy = english)`.execute(db);
  await sql`
    alter text search configuration waymark_english
      alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part
      with unaccent, waymark_english_stem
  `.execute(db);
  await sql`
    create index learnings_search on learnings
    using gin (to_tsvector('waymark_english'::regconfig, text || ' ' || tags))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_reflections').execute();
  await db.schema.dropTable('projects').execute();
  await db.schema.dropTable('resources').execute();
  if (dialectOf(db) === 'sqlite') {
    await sql`drop trigger learnings_fts_update`.execute(db);
    await sql`drop trigger learnings_fts_delete`.execute(db);
    await sql`drop trigger learnings_fts_insert`.execute(db);
    await sql`drop table learnings_fts`.execute(db);
  } else {
    await sql`drop index learnings_search`.execute(db);
    await sql`drop text search configuration waymark_english`.execute(db);
    await sql`drop text search dictionary waymark_english_stem`.execute(db);
  }
  await db.schema.dropTable('learnings').execute();
}
