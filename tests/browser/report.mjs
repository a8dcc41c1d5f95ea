// report.mjs opens a brief written by `dipgraph report` in headless Chromium for
// report_test.go and reports, as one JSON object on stdout, how its main parts were drawn:
// each section's size and text, the chart's size, lines and legend, the bloc swatch's
// colour, the evidence links, and every request the page made beyond its own file.
//
// Settings come from the environment: PAGE (a file:// URL), SCREENSHOT (a .png path),
// CHROMIUM (the executable).
import { chromium } from 'playwright-core';

const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set`);
  return v;
};

const out = { ok: false };
let browser;
try {
  browser = await chromium.launch({
    executablePath: env('CHROMIUM'),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  out.requests = [];
  page.on('request', (r) => {
    if (r.url() !== env('PAGE')) out.requests.push(r.url());
  });
  out.errors = [];
  page.on('pageerror', (e) => out.errors.push(String(e)));
  await page.goto(env('PAGE'));
  Object.assign(out, await page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height) };
    };
    const sections = {};
    for (const s of document.querySelectorAll('section')) {
      sections[s.id] = { ...box(s), text: s.innerText };
    }
    const svg = document.querySelector('#balance svg');
    const chart = svg ? {
      ...box(svg),
      // Drawn strokes: paths with a visible extent (lines, points, axes).
      paths: [...svg.querySelectorAll('path')].filter((p) => {
        const b = p.getBBox();
        return b.width > 0 || b.height > 0;
      }).length,
      texts: [...svg.querySelectorAll('text')].map((t) => t.textContent.trim()).filter((t) => t),
      strokes: [...new Set([...svg.querySelectorAll('path')].map((p) => getComputedStyle(p).stroke))],
    } : null;
    const swatch = document.querySelector('#bloc .swatch');
    return {
      title: document.title,
      actor: document.querySelector('#actor')?.innerText,
      sections,
      chart,
      swatch: swatch ? getComputedStyle(swatch).backgroundColor : null,
      links: [...document.querySelectorAll('#evidence a')].map((a) => ({ href: a.href, text: a.innerText })),
    };
  }));
  await page.screenshot({ path: env('SCREENSHOT'), fullPage: true });
  out.ok = true;
} catch (e) {
  out.error = String(e && e.stack || e);
} finally {
  if (browser) await browser.close();
}
process.stdout.write(JSON.stringify(out));
