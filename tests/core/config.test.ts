import { describe, expect, it } from 'vitest';
import { ConfigError, databasePathFromUrl, loadConfig, loadStorageConfig } from '../../src/config.js';
import { describeConnectionError } from '../../src/db/connection.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.abc.def';

describe('loadConfig', () => {
  it('GIVEN only a token THEN every other variable takes its documented default', () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN })).toEqual({
      discordToken: TOKEN,
      discordGuildId: null,
      discordApiUrl: 'https://discord.com/api',
      database: { dialect: 'sqlite', path: './data/waymark.sqlite' },
      defaultTimezone: 'UTC',
      logLevel: 'info',
      backupDir: './data/backups',
      backupDaily: false,
      backupRetentionDays: 14,
    });
  });

  it('GIVEN empty optional variables (as in a copied .env.example) THEN they count as unset', () => {
    const config = loadConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_GUILD_ID: '',
      DEFAULT_TIMEZONE: '',
      LOG_LEVEL: '',
    });
    expect(config.discordGuildId).toBeNull();
    expect(config.defaultTimezone).toBe('UTC');
  });

  it('GIVEN every variable THEN they are read and normalized', () => {
    const config = loadConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_GUILD_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:4000/api/',
      DATABASE_URL: 'file:./tmp/w.sqlite',
      DEFAULT_TIMEZONE: 'Europe/Berlin',
      LOG_LEVEL: 'debug',
      BACKUP_DIR: '/var/backups/waymark',
      BACKUP_DAILY: 'true',
      BACKUP_RETENTION_DAYS: '30',
    });
    expect(config).toMatchObject({
      backupDir: '/var/backups/waymark',
      backupDaily: true,
      backupRetentionDays: 30,
      discordGuildId: '123456789012345678',
      discordApiUrl: 'http://127.0.0.1:4000/api',
      database: { dialect: 'sqlite', path: './tmp/w.sqlite' },
      defaultTimezone: 'Europe/Berlin',
      logLevel: 'debug',
    });
  });

  it.each([
    [{}, 'DISCORD_TOKEN is required (see .env.example)'],
    [{ DISCORD_TOKEN: '   ' }, 'DISCORD_TOKEN is required (see .env.example)'],
    [{ DISCORD_TOKEN: 'a b' }, 'DISCORD_TOKEN must not contain spaces (see .env.example)'],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: 'my-server' }, 'DISCORD_GUILD_ID must be a Discord id'],
    [
      { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'ftp://example.com' },
      'DISCORD_API_URL must be an http(s) URL',
    ],
    [
      { DISCORD_TOKEN: TOKEN, DEFAULT_TIMEZONE: 'Mars/Olympus' },
      'DEFAULT_TIMEZONE must be an IANA time zone',
    ],
    [{ DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ DISCORD_TOKEN: TOKEN, BACKUP_DAILY: 'yes' }, 'BACKUP_DAILY must be true or false'],
    [{ DISCORD_TOKEN: TOKEN, BACKUP_RETENTION_DAYS: '0' }, 'BACKUP_RETENTION_DAYS must be a whole number'],
    [{ DISCORD_TOKEN: TOKEN, BACKUP_RETENTION_DAYS: '1.5' }, 'BACKUP_RETENTION_DAYS must be a whole number'],
  ])('GIVEN %o THEN one readable line names the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('loadStorageConfig', () => {
  it('GIVEN no token THEN the database scripts still get the database and backup settings', () => {
    expect(loadStorageConfig({ DATABASE_URL: 'file:./x.sqlite', BACKUP_RETENTION_DAYS: '7' })).toEqual({
      database: { dialect: 'sqlite', path: './x.sqlite' },
      backupDir: './data/backups',
      backupDaily: false,
      backupRetentionDays: 7,
    });
  });

  it('GIVEN a bad backup variable THEN one readable line names it', () => {
    expect(() => loadStorageConfig({ BACKUP_DAILY: '1' })).toThrow(
      'BACKUP_DAILY must be true or false (see .env.example)',
    );
  });
});

describe('databasePathFromUrl', () => {
  it.each([
    ['./data/waymark.sqlite', './data/waymark.sqlite'],
    ['file:./data/w.sqlite', './data/w.sqlite'],
    ['file:///var/lib/waymark/w.sqlite', '/var/lib/waymark/w.sqlite'],
    [':memory:', ':memory:'],
  ])('%s → %s', (url, path) => {
    expect(databasePathFromUrl(url)).toBe(path);
  });
});

describe('DATABASE_URL and the dialect', () => {
  it.each([
    ['postgres://waymark:s3cret@db.internal:5432/waymark'],
    ['postgresql://waymark:s3cret@db.internal/waymark?sslmode=require'],
    ['postgres:///waymark?host=/var/run/postgresql&user=waymark'],
  ])('GIVEN %s THEN PostgreSQL with the default pool of 10', (url) => {
    expect(loadStorageConfig({ DATABASE_URL: url }).database).toEqual({
      dialect: 'postgres',
      url,
      poolSize: 10,
    });
  });

  it('GIVEN DATABASE_POOL_SIZE THEN the pool has that many connections', () => {
    const { database } = loadStorageConfig({ DATABASE_URL: 'postgres://u:p@h/d', DATABASE_POOL_SIZE: '25' });
    expect(database).toMatchObject({ poolSize: 25 });
  });

  it.each([
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE must be a whole number from 1 to 100'],
    [{ DATABASE_POOL_SIZE: 'many' }, 'DATABASE_POOL_SIZE must be a whole number from 1 to 100'],
    [{ DATABASE_URL: 'postgres://u:s3cret@:5432/x' }, 'DATABASE_URL is not a valid postgres:// URL'],
    [{ DATABASE_URL: 'postgres://u:s3cret@db.internal' }, 'DATABASE_URL must name a host and a database'],
    [{ DATABASE_URL: 'postgres://u:s3cret@db.internal/' }, 'DATABASE_URL must name a host and a database'],
    [{ DATABASE_URL: 'mysql://u:s3cret@db.internal/waymark' }, 'DATABASE_URL must be a SQLite file path'],
  ])('GIVEN %o THEN one line names the problem and never the password', (env, message) => {
    const load = () => loadConfig({ DISCORD_TOKEN: TOKEN, ...env });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
    try {
      load();
    } catch (error) {
      expect(String(error)).not.toContain('s3cret');
      expect(String(error)).not.toContain('\n');
    }
  });

  it.each([
    [{ code: 'ECONNREFUSED' }, 'cannot reach PostgreSQL at db:5432/waymark (ECONNREFUSED)'],
    [{ code: 'ENOTFOUND' }, 'cannot reach PostgreSQL at db:5432/waymark (ENOTFOUND)'],
    [{ message: 'timeout expired' }, 'cannot reach PostgreSQL at db:5432/waymark (timed out)'],
    [{ code: '28P01' }, 'PostgreSQL at db:5432/waymark refused the user or password in DATABASE_URL'],
    [{ code: '3D000' }, 'PostgreSQL at db:5432/waymark: the database does not exist'],
  ])('GIVEN the connection fails with %o THEN one line says why', (error, line) => {
    expect(describeConnectionError(error, 'db:5432/waymark')).toBe(line);
  });
});
