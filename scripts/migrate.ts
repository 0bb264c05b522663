import { migrateDb, openDb } from "#db/client.server";

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error(
    "db:migrate needs DATABASE_URL=postgres://… (a server database). The embedded PGlite database migrates itself when the app or a CLI opens it.",
  );
  process.exit(1);
}

const handle = await openDb(url);
try {
  const started = performance.now();
  await migrateDb(handle);
  console.log(`migrated ${handle.where} in ${Math.round(performance.now() - started)} ms`);
} finally {
  await handle.close();
}
