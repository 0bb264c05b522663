import { expect, saveScreenshot, test } from "./fixtures";

test("the home page loads without console errors", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBeLessThan(400);
  await expect(page).toHaveTitle(/CompStat 311/);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await saveScreenshot(page, "home");
});

test("/healthz answers ok with the database up", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(await response.json()).toMatchObject({ status: "ok", database: "up" });
});

test("the favicon the page declares is served", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(href).toBeTruthy();
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^image\//);
});
