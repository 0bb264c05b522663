import type { Page } from "@playwright/test";
import { DEMO_DEPARTMENT } from "../../app/auth/demo-users.server";
import { expect, login, saveScreenshot, test } from "./fixtures";

const nav = (page: Page) => page.getByRole("navigation", { name: "Primary navigation" });

/** What each role's navigation offers (app/auth/nav.ts) and what it must not. */
const SEES = {
  admin: { shows: ["Scorecard", "Imports", "Users", "Audit log"], hides: [] },
  staff_311: { shows: ["Scorecard", "Imports"], hides: ["Users", "Audit log"] },
  mayor_office: { shows: ["Scorecard"], hides: ["Imports", "Users", "Audit log"] },
  dept_head: { shows: ["Scorecard"], hides: ["Imports", "Users", "Audit log"] },
} as const;

for (const [role, { shows, hides }] of Object.entries(SEES) as [keyof typeof SEES, (typeof SEES)[keyof typeof SEES]][]) {
  test(`${role} signs in and sees what the role may use`, async ({ page }) => {
    const user = await login(page, role);
    await expect(page.getByText(user.name)).toBeVisible();
    for (const label of shows) await expect(nav(page).getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of hides) await expect(nav(page).getByRole("link", { name: label, exact: true })).toHaveCount(0);
    await saveScreenshot(page, `auth-${role}`);
  });
}

test.describe("a wrong password", () => {
  test.use({ allowedConsoleErrors: [/status of 401/] });

  test("gets one plain message and stays on the form", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("admin@compstat.example");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("That email and password do not match an active account.");
    expect(new URL(page.url()).pathname).toBe("/login");
  });
});

test("signing out ends the session", async ({ page }) => {
  await login(page, "admin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/login");
  await page.goto("/admin/users");
  expect(new URL(page.url()).pathname).toBe("/login");
  expect(new URL(page.url()).searchParams.get("redirectTo")).toBe("/admin/users");
});

test.describe("department scoping", () => {
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test("a department head sees their own department and gets 404 for another's", async ({ page }) => {
    await login(page, "staff_311");
    const links = page.locator('main a[href^="/departments/"]');
    const path = (href: string | null) => (href ? new URL(href, page.url()).pathname : undefined);
    const own = path(await page.getByRole("link", { name: DEMO_DEPARTMENT, exact: true }).first().getAttribute("href"));
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    const other = hrefs.map(path).find((p) => p && /^\/departments\/\d+$/.test(p) && p !== own);
    expect(own, "the demo city has the department head's department").toBeTruthy();
    expect(other, "the demo city has another department").toBeTruthy();

    await page.context().clearCookies();
    await login(page, "dept_head");
    const ownResponse = await page.goto(own!);
    expect(ownResponse?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).first()).toContainText(DEMO_DEPARTMENT);

    const otherResponse = await page.goto(other!);
    expect(otherResponse?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("404");
    await saveScreenshot(page, "auth-dept-head-404");

    const trends = await page.goto(`${other}/trends`);
    expect(trends?.status()).toBe(404);
  });
});
