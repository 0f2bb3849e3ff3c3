import type { Page } from 'playwright-core';

/**
 * Waits until the page has painted twice since the last pointer event, so a drag library has seen
 * every move before the button is let go. On a loaded machine Playwright's events can otherwise run
 * ahead of React, and a drop lands where the pointer was a frame earlier.
 */
export async function settle(page: Page) {
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}
