import type { Db } from "../db/client.server";
export async function ensureDemoCity(_db: Db) {}
