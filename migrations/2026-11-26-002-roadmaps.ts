import { type Kysely, sql } from 'kysely';
import { autoIncrementId } from './support/dialect.js';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('roadmaps')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('is_default', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('roadmaps_guild_name', ['guild_id', 'name'])
    .execute();
  // At most one default roadmap per guild, enforced by the database rather than by care.
  await db.schema
    .createIndex('roadmaps_one_default')
    .on('roadmaps')
    .column('guild_id')
    .unique()
    .where(sql.ref('is_default'), '=', 1)
    .execute();

  // Phases and items are never deleted by a re-import: they are marked inactive, so the
  // progress recorded against them survives and returns if the item comes back.
  await db.schema
    .createTable('roadmap_phases')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('roadmap_id', 'integer', (col) => col.notNull().references('roadmaps.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('heading_level', 'integer', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('roadmap_phases_roadmap')
    .on('roadmap_phases')
    .columns(['roadmap_id', 'position'])
    .execute();

  await db.schema
    .createTable('roadmap_items')
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('roadmap_id', 'integer', (col) => col.notNull().references('roadmaps.id').onDelete('cascade'))
    .addColumn('phase_id', 'integer', (col) =>
      col.notNull().references('roadmap_phases.id').onDelete('cascade'),
    )
    .addColumn('parent_item_id', 'integer', (col) => col.references('roadmap_items.id').onDelete('set null'))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('markdown', 'text', (col) => col.notNull())
    .addColumn('section', 'text')
    .addColumn('depth', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('roadmap_items_key', ['roadmap_id', 'key'])
    .execute();
  await db.schema
    .createIndex('roadmap_items_roadmap_position')
    .on('roadmap_items')
    .columns(['roadmap_id', 'active', 'position'])
    .execute();
  // A phase's progress bar after every /check counts that phase's items.
  await db.schema
    .createIndex('roadmap_items_phase')
    .on('roadmap_items')
    .columns(['phase_id', 'active'])
    .execute();

  await db.schema
    .createTable('member_roadmaps')
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('roadmap_id', 'integer', (col) => col.notNull().references('roadmaps.id').onDelete('cascade'))
    .addColumn('followed_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('member_roadmaps_pk', ['guild_id', 'user_id'])
    .execute();
  await db.schema.createIndex('member_roadmaps_roadmap').on('member_roadmaps').column('roadmap_id').execute();

  // Current status per member and item; the history lives in activity_events.
  await db.schema
    .createTable('member_progress')
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('item_id', 'integer', (col) =>
      col.notNull().references('roadmap_items.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('link', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('member_progress_pk', ['user_id', 'item_id'])
    .execute();
  await db.schema.createIndex('member_progress_item').on('member_progress').column('item_id').execute();
  await db.schema
    .createIndex('member_progress_guild_member')
    .on('member_progress')
    .columns(['guild_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('member_progress').execute();
  await db.schema.dropTable('member_roadmaps').execute();
  await db.schema.dropTable('roadmap_items').execute();
  await db.schema.dropTable('roadmap_phases').execute();
  await db.schema.dropTable('roadmaps').execute();
}
