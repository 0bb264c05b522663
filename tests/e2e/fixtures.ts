import { test as base, expect, type ConsoleMessage, type Page } from "@playwright/test";

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
