// What every journey uses: Debian's Chromium through playwright-core, a page that records
// CSP violations and console errors, and `check()` — axe-core (no serious or critical
// violations), no CSP violation, no console error, and a screenshot — after every step.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const BASE_URL = process.env.HEARTH_E2E_URL ?? '';
if (!BASE_URL)
  throw new Error('HEARTH_E2E_URL is not set: run the browser tests with `npm run test:e2e`.');

export async function launchBrowser(): Promise<Browser> {
  // launch() gives every run a fresh temporary profile (its own --user-data-dir). The
  // background-networking flags keep Chromium from calling out of this machine.
  return chromium.launch({
    executablePath: process.env.HEARTH_E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

interface AxeWindow {
  axe: {
    run(
      context: Document,
      options: object,
    ): Promise<{
      violations: {
        id: string;
        impact: string;
        help: string;
        nodes: { target: string[]; html: string; failureSummary?: string }[];
      }[];
    }>;
  };
}

interface Problems {
  csp: string[];
  console: string[];
}

// A refused request is the API doing its job (a wrong code, a 403 the page explains); the
// browser logs each as a console error. Everything else on the console is a failure.
// A journey that takes the browser offline expects the failed requests too.
const EXPECTED =
  /^Failed to load resource: (the server responded with a status of 4\d\d|net::ERR_INTERNET_DISCONNECTED)/;

export class Journey {
  readonly dir: string;
  private step = 0;
  private readonly problems = new WeakMap<Page, Problems>();
  readonly name: string;
  readonly browser: Browser;
  private constructor(name: string, browser: Browser) {
    this.name = name;
    this.browser = browser;
    this.dir = join(ROOT, '.test-artifacts', 'e2e', name);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  static async start(name: string): Promise<Journey> {
    return new Journey(name, await launchBrowser());
  }

  /** A new person at a new browser (own cookies), with the problem recorders attached. */
  async person(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({
      baseURL: BASE_URL,
      ignoreHTTPSErrors: true,
      viewport: { width: 1280, height: 860 },
      acceptDownloads: true,
      locale: 'en-US',
      timezoneId: 'America/New_York',
    });
    const page = await context.newPage();
    await this.watch(page);
    return { context, page };
  }

  async watch(page: Page): Promise<void> {
    const found: Problems = { csp: [], console: [] };
    this.problems.set(page, found);
    await page.exposeBinding('__hearthCsp', (_source, text: string) => void found.csp.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __hearthCsp: (t: string) => void }).__hearthCsp;
        void report(
          `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
        );
      });
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !EXPECTED.test(m.text())) found.console.push(m.text());
    });
    page.on('pageerror', (err) => found.console.push(`uncaught: ${err.message}`));
  }

  /**
   * After a step: the page must have no serious or critical accessibility violation, no CSP
   * violation and no console error; a screenshot records what a person would see.
   */
  async check(page: Page, label: string): Promise<void> {
    this.step += 1;
    // Let transitions (dialogs, menus) settle before judging contrast and taking the picture.
    await page.waitForTimeout(350);
    // From the top, so the sticky header is where a person sees it in the full-page picture.
    await page.evaluate(() => window.scrollTo(0, 0));
    const file = join(this.dir, `${String(this.step).padStart(2, '0')}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const { axe } = window as unknown as AxeWindow;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => {
          const where = v.nodes
            .slice(0, 3)
            .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`);
          return `${v.impact} ${v.id}: ${v.help} — ${where.join(' | ')}`;
        });
    });
    assert.deepEqual(violations, [], `${this.name}/${label}: accessibility`);
    const found = this.problems.get(page);
    assert.deepEqual(found?.csp ?? [], [], `${this.name}/${label}: CSP violations`);
    assert.deepEqual(found?.console ?? [], [], `${this.name}/${label}: console errors`);
  }

  /** Closes the browser; the last state of every page is kept as a picture (for failures). */
  async close(): Promise<void> {
    let n = 0;
    for (const context of this.browser.contexts()) {
      for (const page of context.pages()) {
        n += 1;
        await page
          .screenshot({ path: join(this.dir, `zz-last-${n}.png`), fullPage: true })
          .catch(() => undefined);
      }
    }
    await this.browser.close();
  }
}
