import { sql } from "drizzle-orm";
import { queryRows } from "./client.server";
import { departments } from "./schema";
import { createTestDb } from "../tests/setup/db";

test("a fresh database is migrated and normalises raw results across drivers", async () => {
  const handle = await createTestDb();
  try {
    await handle.db.insert(departments).values([{ name: "Streets and Sanitation" }, { name: "Aviation" }]);
    const [row] = await queryRows<{ n: number; names: string[] }>(
      handle.db,
      sql`select count(*) as n, array_agg(name order by name) as names from departments`,
    );
    expect(row).toEqual({ n: 2, names: ["Aviation", "Streets and Sanitation"] });
  } finally {
    await handle.close();
  }
});
