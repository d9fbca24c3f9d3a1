// Opens a class report (report.html) in a real headless Chromium (Debian's, driven by playwright-core)
// with the network cut off, clicks the roster's column names, and prints what it saw as JSON for the
// tooling tests to judge: console messages and page errors, requests the page tried, the roster's rows
// as loaded and after each sort, the charts' numbers and the similar pairs with their fragments. Writes
// screenshots when asked: the page, and the section on similar submissions.
// Usage: node check-report.mjs REPORT.html SEEN.json [SCREENSHOT.png [SIMILAR.png]]   (CHROMIUM=/usr/bin/chromium by default)
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [report, seenFile, screenshot, similarShot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const seen = { console: [], pageErrors: [], requests: [], rows: {}, headers: {}, checkpoints: [], bins: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("console", m => seen.console.push({ type: m.type(), text: m.text() }));
  page.on("pageerror", e => seen.pageErrors.push(String(e)));
  const url = pathToFileURL(report).href;
  await page.route("**/*", route => {
    seen.requests.push(route.request().url());
    return route.request().url() === url ? route.continue() : route.abort();
  });
  await page.goto(url, { waitUntil: "load" });

  const rows = () => page.$$eval("#roster-table tbody tr", trs => trs.map(tr => ({
    name: tr.dataset.name, score: tr.dataset.score, furthest: tr.dataset.furthest, mnist: tr.dataset.mnist,
    cells: [...tr.cells].map(td => td.textContent.trim()),
  })));
  seen.rows.loaded = await rows();
  for (const key of ["score", "name", "furthest"]) {
    for (const click of ["first", "second"]) {
      await page.click(`th[data-key="${key}"] button`);
      seen.rows[`${key}-${click}`] = (await rows()).map(r => r.name);
      seen.headers[`${key}-${click}`] = await page.$eval(`th[data-key="${key}"]`, th => th.getAttribute("aria-sort"));
    }
  }

  seen.checkpoints = await page.$$eval("#checkpoints g.checkpoint", gs => gs.map(g => ({
    checkpoint: Number(g.dataset.checkpoint), completed: Number(g.dataset.completed), started: Number(g.dataset.started),
  })));
  seen.bins = await page.$$eval("#mnist g.bin", gs => gs.map(g => ({ bin: g.dataset.bin, count: Number(g.dataset.count) })));
  seen.failing = await page.$$eval("#failing tbody tr", trs => trs.map(tr => [...tr.cells].map(td => td.textContent.trim())));
  seen.flagged = await page.$$eval("#flags ul.flagged > li", lis => lis.map(li => li.dataset.submission));
  seen.similar = await page.$$eval("#similar article.pair", articles => articles.map(a => ({
    a: a.dataset.a, b: a.dataset.b, similarity: Number(a.dataset.similarity),
    fragments: [...a.querySelectorAll("table.fragment")].map(t => ({
      tokens: Number(t.dataset.tokens),
      sides: [...t.querySelectorAll("thead th")].map(th => th.textContent.trim()),
      shared: t.querySelectorAll("td.src.shared").length,
      // How wide the code columns are drawn: side by side, each about half the table.
      widths: [...t.querySelectorAll("tbody tr:first-child td.src")].map(td => Math.round(td.getBoundingClientRect().width)),
    })),
  })));
  seen.similarText = await page.$eval("#similar", s => s.textContent.replace(/\s+/g, " ").trim()).catch(() => null);
  seen.scripts = await page.$$eval("script", s => s.length);
  seen.title = await page.title();
  if (screenshot) {
    // Sorted by score, as an instructor would look at it first.
    await page.click('th[data-key="score"] button');
    await page.screenshot({ path: screenshot, fullPage: true });
  }

  if (similarShot) {
    await page.locator("#similar").screenshot({ path: similarShot });
  }
} finally {
  await browser.close();
}

writeFileSync(seenFile, JSON.stringify(seen, null, 2));
