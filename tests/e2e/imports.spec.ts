import { expect, login, saveScreenshot, test } from "./fixtures";

// Two good rows and three bad ones, each bad for a different reason, on known physical lines.
const DIRTY_CSV = [
  "SR_NUMBER,SR_TYPE,OWNER_DEPARTMENT,STATUS,CREATED_DATE,CLOSED_DATE,DUPLICATE",
  "E2E-1,Graffiti Removal Request,Streets and Sanitation,Completed,11/03/2025 09:00:00 AM,11/04/2025 10:00:00 AM,false",
  ",Graffiti Removal Request,Streets and Sanitation,Open,11/05/2025 09:00:00 AM,,false",
  "E2E-2,Graffiti Removal Request,Streets and Sanitation,Open,11/05/2025 09:00:00 AM,,false",
  "E2E-3,Graffiti Removal Request,Streets and Sanitation,Open,11/31/2025 09:00:00 AM,,false",
  "E2E-4,Graffiti Removal Request,Streets and Sanitation,Open,11/06/2025 09:00:00 AM,,perhaps",
].join("\n");

test("a 311 analyst uploads a dirty CSV and sees the run and its rejects", async ({ page }) => {
  const analyst = await login(page, "staff_311");
  await page.getByRole("navigation", { name: "Primary navigation" }).getByRole("link", { name: "Imports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();

  await page.getByLabel("Kind of file").selectOption("requests");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "dirty-e2e.csv", mimeType: "text/csv", buffer: Buffer.from(DIRTY_CSV) });
  await saveScreenshot(page, "imports-upload-form");
  await page.getByRole("button", { name: "Import" }).click();

  await page.waitForURL(/\/imports\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("dirty-e2e.csv");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Succeeded");
  const count = (label: string) => page.getByRole("list", { name: "Row counts" }).getByRole("listitem").filter({ hasText: label });
  await expect(count("Rows read")).toContainText("5");
  await expect(count("Inserted")).toContainText("2");
  await expect(count("Rejected")).toContainText("3");
  const rejects = page.getByRole("table", { name: /Rejected rows/ }).getByRole("row");
  await expect(rejects).toHaveCount(4);
  await expect(rejects.nth(1)).toContainText(/3\s*SR_NUMBER is empty/);
  await expect(rejects.nth(2)).toContainText(/5\s*CREATED_DATE "11\/31\/2025 09:00:00 AM" is not a date/);
  await expect(rejects.nth(3)).toContainText(/6\s*DUPLICATE "perhaps" is not true or false/);
  await expect(page.getByRole("row", { name: /^By/ })).toContainText(analyst.email);
  await saveScreenshot(page, "imports-run");

  await page.getByRole("link", { name: "← All imports" }).click();
  const row = page.getByRole("row").filter({ hasText: "dirty-e2e.csv" }).first();
  await expect(row).toContainText(analyst.email);
  await expect(row).toContainText("Succeeded");
  await saveScreenshot(page, "imports-history");
});

test.describe("a refused upload", () => {
  // The action answers 400, which the browser logs as a failed resource load.
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 400/] });

  test("without a file shows a message on the form", async ({ page }) => {
    await login(page, "admin");
    await page.goto("/imports");
    await page.getByLabel("Kind of file").selectOption("work-orders");
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByText("Choose a file to upload.")).toBeVisible();
    await saveScreenshot(page, "imports-upload-refused");
  });
});

test.describe("a department head", () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 403/] });

  test("has no Imports link and is refused the page; sees data quality for their department", async ({ page }) => {
    await login(page, "dept_head");
    const nav = page.getByRole("navigation", { name: "Primary navigation" });
    await expect(nav.getByRole("link", { name: "Imports" })).toHaveCount(0);
    const response = await page.goto("/imports");
    expect(response?.status()).toBe(403);
    await page.goto("/data-quality");
    await expect(page.getByRole("heading", { level: 1, name: "Data quality" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Cancel usage/ })).toBeVisible();
    await saveScreenshot(page, "data-quality-dept-head");
  });
});

test("an administrator sees the data-quality page and maps an outcome in place", async ({ page }) => {
  // A mapping waits for a full aggregate rebuild: about 15 s for the demo city on a busy 2-core machine.
  test.setTimeout(90_000);
  await login(page, "admin");
  await page.getByRole("navigation", { name: "Primary navigation" }).getByRole("link", { name: "Data quality" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data quality" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Needs mapping" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Cancel usage by department/ })).toBeVisible();
  await saveScreenshot(page, "data-quality-admin");

  // Mapped to "other", an outcome leaves the list without changing any number: unmapped counts as other.
  const rows = page.getByRole("table", { name: /Unmapped raw outcomes/ }).getByRole("row");
  const before = await rows.count();
  const last = rows.last();
  const outcome = (await last.getByRole("rowheader").innerText()).trim();
  await last.getByLabel("Category").selectOption("other");
  await last.getByRole("button", { name: "Map" }).click();
  await expect(page.getByRole("status")).toContainText(`Mapped “${outcome}”`, { timeout: 60_000 });
  await expect(rows).toHaveCount(before - 1);
  await expect(page.getByRole("rowheader", { name: outcome, exact: true })).toHaveCount(0);
  await saveScreenshot(page, "data-quality-mapped");
});
