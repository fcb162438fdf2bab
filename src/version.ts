import packageJson from '../package.json' with { type: 'json' };

export const WAYMARK_VERSION: string = packageJson.version;
