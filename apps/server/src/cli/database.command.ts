import type { Command } from './command.js';
import { withDatabase, withHub } from './runtime.js';

export const migrateCommand: Command = {
  name: 'migrate',
  args: '',
  summary: 'apply pending database migrations (the hub also does this on start)',
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const { migrate, readMigrations } = await import('../platform/db/migrate.js');
    const total = readMigrations().length;
    const applied = await withDatabase(
      ctx,
      (db, config) =>
        migrate(db.ownerUrl, {
          appUrl: config.DATABASE_APP_URL,
          onProgress: (done, all, id) => ctx.note(`  applied ${id} (${done}/${all})`),
        }),
      { migrate: false },
    );
    ctx.out(
      applied.length
        ? `applied ${applied.length} migration${applied.length === 1 ? '' : 's'}; the database is at ${total}/${total}`
        : `the database is up to date (${total} migration${total === 1 ? '' : 's'})`,
    );
  },
};

export const seedCommand: Command = {
  name: 'seed',
  args: '',
  summary: "seed every module's demo data (idempotent: running it twice adds nothing)",
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const { modules } = await import('../app.js');
    const { listTenants } = await import('../modules/identity/index.js');
    const count = await withHub(ctx, async (hub) => {
      for (const m of modules) {
        if (!m.seed) continue;
        ctx.note(`  seeding ${m.name}`);
        await m.seed(hub);
      }
      return (await listTenants({ db: hub.db })).length;
    });
    ctx.out(`seeded ${modules.filter((m) => m.seed).length} module(s); ${count} tenants in the database`);
  },
};
