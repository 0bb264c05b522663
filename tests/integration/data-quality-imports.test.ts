/**
 * The import pages through the built app (DESIGN §5.7): a multipart upload as a 311 analyst
 * lands in the run history with who ran it, its counts and its rejects by line; the upload's
 * limits and bad input answer 400 with a message and leave nothing behind.
 */
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { sql } from "drizzle-orm";
import { queryRows } from "#db/client.server";
import { DEMO_USERS } from "~/auth/demo-users.server";
import { importUpload } from "~/imports/pages.server";
import type { Viewer } from "~/auth/permissions";
import { ORIGIN, startTestApp, type TestApp } from "./auth-harness";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const HEADER = "SR_NUMBER,SR_TYPE,OWNER_DEPARTMENT,STATUS,CREATED_DATE,CLOSED_DATE,DUPLICATE";
const DIRTY = [
  HEADER,
  "U-1,Graffiti Removal Request,Streets and Sanitation,Completed,11/03/2025 09:00:00 AM,11/04/2025 10:00:00 AM,false",
  "U-2,Graffiti Removal Request,Streets and Sanitation,Open,11/05/2025 09:00:00 AM,,false",
  ",Graffiti Removal Request,Streets and Sanitation,Open,11/05/2025 09:00:00 AM,,false",
  "U-3,Graffiti Removal Request,Streets and Sanitation,Open,11/31/2025 09:00:00 AM,,false",
  "U-4,Graffiti Removal Request,Water Management,Open,11/06/2025 09:00:00 AM,,perhaps",
].join("\n");

function uploadForm(fields: { kind?: string; file?: { name: string; text: string } }) {
  const form = new FormData();
  if (fields.kind !== undefined) form.set("kind", fields.kind);
  if (fields.file) form.set("file", new File([fields.file.text], fields.file.name, { type: "text/csv" }));
  return form;
}

/** The harness's fetch sends url-encoded bodies; an upload needs the browser's multipart one. */
function upload(role: "admin" | "staff_311" | "mayor_office" | "dept_head", form: FormData) {
  return app.fetch("/imports?index", { method: "POST", role, body: form as unknown as URLSearchParams });
}

const uploadDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith("compstat-upload-"));

describe("upload through the page", () => {
  let runId: number;

  test("a 311 analyst's dirty CSV becomes a run, and the browser is sent to it", async () => {
    const before = uploadDirs();
    const res = await upload("staff_311", uploadForm({ kind: "requests", file: { name: "dirty-requests.csv", text: DIRTY } }));
    expect(res.status).toBe(302);
    const location = res.headers.get("Location") ?? "";
    expect(location).toMatch(/^\/imports\/\d+$/);
    runId = Number(location.split("/").pop());
    const [run] = await queryRows<{ file_name: string; kind: string; status: string; rows_read: number; inserted: number; rejected: number; sha256: string }>(
      app.handle.db,
      sql`select file_name, kind, status, rows_read, inserted, rejected, sha256 from import_runs where id = ${runId}`,
    );
    expect(run).toMatchObject({ file_name: "dirty-requests.csv", kind: "requests", status: "succeeded", rows_read: 5, inserted: 2, rejected: 3 });
    expect(run.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(uploadDirs(), "the temp copy of the upload is removed").toEqual(before);
  });

  test("the upload is audited with the analyst as the actor, and the aggregates are refreshed", async () => {
    const [entry] = await queryRows<{ actor_user_id: string; action: string; after: { rejected: number } }>(
      app.handle.db,
      sql`select actor_user_id, action, after from audit_log where entity_type = 'import' and entity_id = ${String(runId)}`,
    );
    expect(entry).toMatchObject({ actor_user_id: app.userIds.staff_311, action: "imported", after: { rejected: 3 } });
    const [agg] = await queryRows<{ created: number }>(app.handle.db, sql`select coalesce(sum(created), 0)::int as created from agg_sr_daily`);
    expect(agg.created).toBe(2);
  });

  test("the run history lists it with its counts, short hash and who ran it", async () => {
    const res = await app.fetch("/imports", { role: "admin" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("dirty-requests.csv");
    expect(html).toContain(`href="/imports/${runId}"`);
    const analyst = DEMO_USERS.find((u) => u.role === "staff_311")!;
    expect(html).toContain(`<td>${analyst.email}</td>`);
    const [run] = await queryRows<{ sha256: string }>(app.handle.db, sql`select sha256 from import_runs where id = ${runId}`);
    expect(html).toContain(`>${run.sha256.slice(0, 12)}<`);
  });

  test("the run page shows every reject with its physical line and reason", async () => {
    const res = await app.fetch(`/imports/${runId}`, { role: "staff_311" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("SR_NUMBER is empty");
    expect(html).toMatch(/>4<\/td><td>SR_NUMBER is empty/);
    expect(html).toMatch(/>5<\/td><td>CREATED_DATE &quot;11\/31\/2025 09:00:00 AM&quot; is not a date/);
    expect(html).toMatch(/>6<\/td><td>DUPLICATE &quot;perhaps&quot; is not true or false/);
  });

  test("a page past the last page of rejects, an unknown run and a malformed id are 404", async () => {
    expect((await app.fetch(`/imports/${runId}?page=2`, { role: "admin" })).status).toBe(404);
    expect((await app.fetch("/imports/987654", { role: "admin" })).status).toBe(404);
    expect((await app.fetch("/imports/not-a-run", { role: "admin" })).status).toBe(404);
    expect((await app.fetch(`/imports/${runId}?page=zero`, { role: "admin" })).status).toBe(400);
  });
});

describe("who may import", () => {
  test("the Mayor's Office and department heads may neither see the history nor upload", async () => {
    for (const role of ["mayor_office", "dept_head"] as const) {
      expect((await app.fetch("/imports", { role })).status).toBe(403);
      const res = await upload(role, uploadForm({ kind: "requests", file: { name: "x.csv", text: DIRTY } }));
      expect(res.status).toBe(403);
    }
    const [{ n }] = await queryRows<{ n: number }>(app.handle.db, sql`select count(*)::int as n from import_runs where file_name = 'x.csv'`);
    expect(n).toBe(0);
  });

  test("an upload without a session is sent to sign in", async () => {
    const res = await app.fetch("/imports?index", { method: "POST", body: uploadForm({ kind: "requests" }) as unknown as URLSearchParams });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("bad uploads answer 400 with a message and record nothing", () => {
  async function runCount() {
    const [{ n }] = await queryRows<{ n: number }>(app.handle.db, sql`select count(*)::int as n from import_runs`);
    return n;
  }

  test.each([
    { name: "no file", form: () => uploadForm({ kind: "requests" }), message: "Choose a file to upload." },
    { name: "no kind", form: () => uploadForm({ file: { name: "a.csv", text: DIRTY } }), message: "Pick what kind of file this is." },
    { name: "an unknown kind", form: () => uploadForm({ kind: "spreadsheets", file: { name: "a.csv", text: DIRTY } }), message: "Pick what kind of file this is." },
    {
      name: "a file that is not the format at all",
      form: () => uploadForm({ kind: "open311", file: { name: "not-json.csv", text: DIRTY } }),
      message: "not-json.csv: not Open311 GeoReport v2 requests: expected JSON, found CSV",
    },
    { name: "an empty file", form: () => uploadForm({ kind: "requests", file: { name: "empty.csv", text: "" } }), message: "empty.csv: the file is empty" },
  ])("$name", async ({ form, message }) => {
    const before = await runCount();
    const res = await upload("admin", form());
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message.replaceAll('"', "&quot;").replaceAll("'", "&#x27;"));
    expect(await runCount()).toBe(before);
  });

  test("a url-encoded post is refused with a message, not a server error", async () => {
    const res = await app.fetch("/imports?index", { method: "POST", role: "admin", body: new URLSearchParams({ kind: "requests" }) });
    expect(res.status).toBe(400);
  });

  test("a file over the size limit is refused and its partial copy removed", async () => {
    const admin: Viewer = { id: app.userIds.admin, email: "admin@example.test", name: "Admin", role: "admin", departmentIds: [] };
    const before = uploadDirs();
    const request = new Request(`${ORIGIN}/imports`, {
      method: "POST",
      body: uploadForm({ kind: "requests", file: { name: "big.csv", text: DIRTY.repeat(50) } }),
    });
    const result = await importUpload(app.handle.db, admin, request, 1024);
    expect(result).toEqual({
      ok: false,
      fieldErrors: { file: "The file is larger than the upload limit of 1 KB; import it with npm run import instead." },
    });
    expect(uploadDirs()).toEqual(before);
  });
});
