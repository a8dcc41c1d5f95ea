// browser.mjs drives the Neo4j Browser in headless Chromium for browser_test.go: it opens
// the Browser, connects, waits for the post-connect guide, runs one saved query from the
// guide and reports what the result shows as one JSON object on stdout.
//
// Settings come from the environment: BROWSER_URL, BOLT_URL, NEO4J_USER, NEO4J_PASSWORD,
// GUIDE_URL, SLIDE (the query's slide in the guide), QUERY (its name), SCREENSHOT (a .png
// path), USER_DATA_DIR (a new empty folder), CHROMIUM (the executable).
import { chromium } from 'playwright-core';

const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set`);
  return v;
};

const out = { steps: [] };
const step = (s) => out.steps.push(s);
let context;
let page;
try {
  context = await chromium.launchPersistentContext(env('USER_DATA_DIR'), {
    executablePath: env('CHROMIUM'),
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(30000);
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(`${env('BROWSER_URL')}?dbms=${encodeURIComponent(env('BOLT_URL'))}&preselectAuthMethod=NATIVE`);
  step('opened');

  // The connection form: the URL is filled from ?dbms=, the rest is ours to type.
  await page.locator('[data-testid="username"]').fill(env('NEO4J_USER'));
  await page.locator('[data-testid="password"]').fill(env('NEO4J_PASSWORD'));
  await page.locator('[data-testid="connect"]').click();
  step('connect clicked');
  await page.getByText('You are connected as user').first().waitFor();
  step('connected');

  // browser.post_connect_cmd applies the style and plays the guide: its first slide says so.
  await page.getByText('dipgraph: diplomatic relationships from the news').first().waitFor();
  step('guide shown');
  out.styleApplied = await page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const v = localStorage.getItem(localStorage.key(i)) || '';
      if (v.includes('#E53935')) return true;
    }
    return false;
  });

  // Open the guide at the query's slide, then run its code block with the block's ▶ icon.
  const editor = page.locator('#monaco-main-editor textarea, [data-testid="activeEditor"] textarea').first();
  await editor.click();
  await page.keyboard.type(`:play ${env('GUIDE_URL')}#slide-${env('SLIDE')}`);
  await page.keyboard.press('Enter');
  const block = page.locator(`pre.runnable[data-query="${env('QUERY')}"]`).first();
  await block.waitFor();
  step('query slide shown');
  out.blockText = (await block.textContent()).trim();
  await block.locator('i').first().click();
  step('query run');

  // The result frame draws the graph: one g.node per node, its caption in text elements.
  const frame = page.locator('[data-testid="frame"]').filter({ has: page.locator('svg g.node') }).first();
  await frame.waitFor();
  await page.waitForTimeout(1500); // let the force layout settle for the screenshot
  out.nodeCaptions = await frame.locator('svg g.node').evaluateAll((nodes) =>
    nodes.map((n) => Array.from(n.querySelectorAll('text')).map((t) => t.textContent.trim()).filter(Boolean).join(' ')));
  out.nodeColors = await frame.locator('svg g.node circle.b-outline').evaluateAll((cs) => cs.map((c) => c.getAttribute('fill')));
  await page.screenshot({ path: env('SCREENSHOT') });
  step('screenshot');
  out.pageErrors = consoleErrors;
  out.ok = true;
} catch (e) {
  out.ok = false;
  out.error = String(e && e.stack ? e.stack : e);
  if (page) {
    try {
      await page.screenshot({ path: env('SCREENSHOT') });
      out.bodyText = (await page.locator('body').innerText()).slice(0, 3000);
    } catch (_) { /* the page is gone */ }
  }
} finally {
  if (context) await context.close();
}
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(out.ok ? 0 : 1);
