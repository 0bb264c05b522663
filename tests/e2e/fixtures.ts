import { test as base, expect, type ConsoleMessage, type Page } from "@playwright/test";
import { DEMO_USERS } from "../../app/auth/demo-users.server";
import type { Role } from "../../app/auth/permissions";

export { expect };

interface Fixtures {
  /**
   * Console messages a test expects (e.g. the browser's "Failed to load resource" line for a
   * page that is meant to answer 404). Anything else logged as an error fails the test.
   */
  allowedConsoleErrors: RegExp[];
  consoleGuard: void;
}

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  consoleGuard: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      const allowed = (text: string) => allowedConsoleErrors.some((re) => re.test(text));
      page.on("console", (msg: ConsoleMessage) => {
        if (msg.type() !== "error" || allowed(msg.text())) return;
        const where = msg.location();
        errors.push(`console.error ${msg.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ""}`);
      });
      page.on("pageerror", (error) => {
        if (!allowed(error.message)) errors.push(`uncaught ${error.name}: ${error.message}`);
      });
      await use();
      expect(errors, "the browser console must stay free of errors").toEqual([]);
    },
    { auto: true },
  ],
});

/** Saves a full-page screenshot under tests/e2e/screenshots/ (gitignored) for a human to look at. */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
}

/**
 * Signs in through the real form as the demo user of `role` (the accounts the demo city is
 * seeded with, app/auth/demo-users.server.ts) and waits until the app has let them in.
 */
export async function login(page: Page, role: Role) {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo user has the role ${role}`);
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return user;
}
