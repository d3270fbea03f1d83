import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { signInContext } from './session.js';

export const CHROMIUM_PATH = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Whether the journeys can run here; in CI a missing browser is an error, never a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`CI is set but Chromium is missing at ${CHROMIUM_PATH} (set VIGIE_CHROMIUM)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;

export interface GuardedContext {
  context: BrowserContext;
  /** Requests the page tried to send outside the Vigie server (all refused). */
  externalRequests: string[];
  /** Uncaught errors and console errors of the pages. */
  pageErrors: string[];
}

/**
 * A browser context that refuses every request leaving the Vigie server, as an offline
 * deployment would, and records them so the test can assert there were none. With `signInAs`
 * (a demo account's email), its pages start signed in.
 */
export async function openGuardedContext(
  browser: Browser,
  baseURL: string,
  options: (typeof VIEWPORTS)[keyof typeof VIEWPORTS],
  signInAs?: string,
): Promise<GuardedContext> {
  const context = await browser.newContext({ ...options, baseURL, locale: 'fr-FR' });
  if (signInAs) await signInContext(context, signInAs);
  // Fail with Playwright's own message (what it waited for) well before the test times out.
  context.setDefaultTimeout(15_000);
  const externalRequests: string[] = [];
  const pageErrors: string[] = [];
  const origin = new URL(baseURL).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    externalRequests.push(url);
    return route.abort('internetdisconnected');
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });
  return { context, externalRequests, pageErrors };
}

/** Serious or critical WCAG 2.1 A/AA violations on the page, as "rule: selectors" lines. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
