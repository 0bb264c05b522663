import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, login, saveScreenshot, test } from "./fixtures";

/** WCAG 2 A/AA violations inside the page's main content (the shell has its own tests). */
async function accessibilityViolations(page: Page) {
  const result = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
}

test.describe("citywide scorecard, department page and trend charts", () => {
  test("the citywide scorecard: a row per department, definitions, sorting by link", async ({ page }) => {
    await login(page, "mayor_office");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Citywide scorecard");
    const table = page.getByRole("table").filter({ has: page.locator("caption", { hasText: "Departments with their metrics" }) });
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(3);
    // Labels say median, and the registry's definition is one hover away.
    await expect(table.locator("thead abbr", { hasText: "Median days" })).toHaveAttribute("title", /Median of created → completed/);
    await expect(page.getByText("average", { exact: false })).toHaveCount(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "scorecard-citywide");

    await table.getByRole("link", { name: /Sort by Median days to complete/ }).click();
    await expect(page).toHaveURL(/sort=woMedianDays/);
    await expect(page.locator('th[aria-sort="descending"]')).toContainText("Median days");
    const medians = await rows.locator("td:nth-child(5) .cs-cell-link").allTextContents();
    const days = medians.map((t) => Number.parseFloat(t));
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  test("a department page drills into WO types, end-to-end request times, outcomes, backlog, duplicates", async ({ page }) => {
    await login(page, "mayor_office");
    await page.goto("/");
    const first = page.locator("table.cs-scorecard tbody tr th a").first();
    const name = (await first.textContent())!;
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    for (const heading of ["Work order types", "Request types, end to end", "Outcomes", "Duplicates: flagged and suspected", "How the composite score was computed"]) {
      await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    }
    await expect(page.locator("#work-order-types tbody tr").first()).toBeVisible();
    await expect(page.locator("#request-types thead")).toContainText("Chained SLA (sum)");
    expect(await accessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "scorecard-department");
  });

  test("trend charts: server-rendered SVG, re-rendered in the browser, CSV of exactly the chart's data", async ({ page }) => {
    await login(page, "mayor_office");
    await page.goto("/");
    const href = await page.locator("table.cs-scorecard tbody tr th a").first().getAttribute("href");
    const trendsPath = href!.replace(/^\/departments\/(\d+)\?/, "/departments/$1/trends?");

    // Without JavaScript the page already carries the charts as SVG.
    const html = await (await page.request.get(trendsPath)).text();
    expect(html).toContain('aria-label="Median days to complete a work order, weekly"');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);

    await page.goto(trendsPath);
    const figure = page.locator("#chart-median-days");
    await expect(figure.locator(".cs-plot > div:nth-child(2) svg")).toBeVisible();
    await expect(figure.locator(".cs-plot > div:first-child")).toBeHidden();
    await expect(figure.locator(".cs-chart__summary")).toContainText("26 weeks");
    expect(await accessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, "scorecard-trends");

    const csvHref = await figure.getByRole("link", { name: /Download this chart's data/ }).getAttribute("href");
    const csv = await page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("period_start,period_end,wo_median_days,center_line,lower_limit,upper_limit,target,signal");
    expect(lines).toHaveLength(27);

    const bad = await page.request.get(csvHref!.replace("chart=median-days", "chart=nope"));
    expect(bad.status()).toBe(400);
  });
});
