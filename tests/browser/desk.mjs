// Walks through the analyst's desk in Debian's chromium, as a person would, and checks each step.
//
//   node tests/browser/desk.mjs http://127.0.0.1:8000 [screenshot-dir]
//   FRONTWATCH_TIME_MARKERS=5 node tests/browser/desk.mjs http://127.0.0.1:8000
//
// The second form only loads the desk that many times and prints the milliseconds from navigation
// to the first marker and to the list's count (for a large store; docs/benchmarks.md).
//
// Loads the map (markers appear, a marker's popup fetches its event, the list shows its first page),
// filters by type and by a brush on the timeline (the count changes, the URL keeps it across a
// reload), limits to the map view from a shared URL, fills the filter menus from the facets, zooms in
// on Nagorno-Karabakh (the admin-1 lines and names of the countries in view appear, and go when zoomed
// out), opens an event (evidence and reports), opens the briefing, and downloads the GeoJSON (it
// parses, one feature per event). Fails on any page error or alert() — the store holds markup-laden
// titles and evidence. Prints one JSON line.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [base, shots] = process.argv.slice(2);
if (!base) {
  console.error("usage: node desk.mjs BASE_URL [SCREENSHOT_DIR]");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const TIMEOUT_MS = 15000;
const LIST_PAGE = 100;
const TIME_MARKERS = Number(process.env.FRONTWATCH_TIME_MARKERS || 0);

const results = {};
const problems = [];

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function shoot(page, name, element = null) {
  if (shots) await (element || page).screenshot({ path: join(shots, `${name}.png`), fullPage: !element });
}

async function count(page) {
  const text = await page.locator("#count").textContent();
  const match = /^(\d+) event/.exec(text || "");
  return match ? Number(match[1]) : null;
}

async function countChangesFrom(page, before) {
  await page.waitForFunction(
    (old) => { const m = /^(\d+) event/.exec(document.getElementById("count").textContent); return m && Number(m[1]) !== old; },
    before, { timeout: TIMEOUT_MS },
  );
  return count(page);
}

async function desk(page) {
  await page.goto(`${base}/`);
  await page.locator("#map .ev-marker, #map .ev-cluster").first().waitFor({ timeout: TIMEOUT_MS });
  await page.waitForFunction(() => document.querySelector("#map .leaflet-overlay-pane path") !== null,
    null, { timeout: TIMEOUT_MS }); // the country outlines
  results.total = await count(page);
  results.markers = await page.locator("#map .ev-marker").count();
  results.clusters = await page.locator("#map .ev-cluster").count();
  check(results.total > 1, `expected several events, the desk says ${results.total}`);
  check(await page.locator("#events tbody tr").count() === Math.min(results.total, LIST_PAGE),
    "the list does not show the first page of events");
  check(await page.locator("#page-info").textContent() === `1–${Math.min(results.total, LIST_PAGE)} of ${results.total}`,
    "the list's pager does not say which events it shows");
  await page.locator("#timeline rect[fill]").first().waitFor({ timeout: TIMEOUT_MS });
  await shoot(page, "desk");
  await page.locator("#map .ev-marker").first().click(); // the popup fetches the event's details
  await page.locator(".leaflet-popup-content", { hasText: "report(s)" }).waitFor({ timeout: TIMEOUT_MS });
  results.popup = await page.locator(".leaflet-popup-content").textContent();
  await page.locator(".leaflet-popup-close-button").click();

  await page.selectOption("select[name=event_type]", "Protests");
  results.protests = await countChangesFrom(page, results.total);
  check(results.protests >= 1 && results.protests < results.total, `type filter gave ${results.protests}`);
  check(new URL(page.url()).searchParams.get("event_type") === "Protests", "the URL lost the type filter");
  await page.selectOption("select[name=event_type]", "");
  await page.waitForFunction((n) => document.getElementById("count").textContent.startsWith(`${n} event`),
    results.total, { timeout: TIMEOUT_MS });

  const box = await page.locator("#timeline").boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.04, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, y, { steps: 5 });
  await page.mouse.up();
  results.brushed = await countChangesFrom(page, results.total);
  const params = new URL(page.url()).searchParams;
  results.date_from = params.get("date_from");
  results.date_to = params.get("date_to");
  check(results.date_from && results.date_to, "the brush did not put dates in the URL");
  check(results.brushed < results.total, `the brush kept ${results.brushed} of ${results.total}`);
  await shoot(page, "desk-brushed");

  await page.reload();
  await page.waitForFunction((n) => document.getElementById("count").textContent.startsWith(`${n} event`),
    results.brushed, { timeout: TIMEOUT_MS });
  check(await page.inputValue("input[name=date_from]") === results.date_from, "reload lost the dates");
  results.reload_keeps_view = true;

  await page.goto(`${base}/?inview=1&lat=40.1811&lon=44.5136&z=10`); // Yerevan only
  await page.waitForFunction(() => document.getElementById("count").textContent.startsWith("1 event"),
    null, { timeout: TIMEOUT_MS });
  check(await page.isChecked("input[name=inview]"), "the map-view filter is not ticked after loading its URL");
  results.in_view = 1;
  await page.waitForFunction(() => document.querySelectorAll("select[name=claimant] option").length > 1,
    null, { timeout: TIMEOUT_MS });
  results.claimant_options = await page.locator("select[name=claimant] option").count() - 1;

  return page.locator("#events tbody tr a").first().getAttribute("href");
}

// Which countries' admin-1 lines the map draws (their paths are classed "admin1 admin1-<ISO3>").
async function admin1Countries(page) {
  return page.locator("#map path.admin1").evaluateAll((paths) => [...new Set(paths.flatMap(
    (path) => [...path.classList].filter((name) => /^admin1-[A-Z]{3}$/.test(name)).map((name) => name.slice(7))))].sort());
}

async function admin1(page) {
  await page.goto(`${base}/?lat=39.8200&lon=46.7500&z=8`); // Stepanakert and Nagorno-Karabakh
  await page.locator("#map .ev-marker, #map .ev-cluster").first().waitFor({ timeout: TIMEOUT_MS });
  await page.locator("#map path.admin1-AZE").waitFor({ timeout: TIMEOUT_MS });
  await page.locator("#map path.admin1-ARM").waitFor({ timeout: TIMEOUT_MS });
  await page.locator("#map .admin1-label", { hasText: "Şuşa" }).first().waitFor({ timeout: TIMEOUT_MS });
  results.admin1_countries = await admin1Countries(page);
  results.admin1_labels = await page.locator("#map .admin1-label").allTextContents();
  const border = await page.locator("#map path.admin1-AZE").first().evaluate((path) => getComputedStyle(path).pointerEvents);
  check(border === "none", `admin-1 lines take the pointer (${border})`);
  await shoot(page, "map-admin1", page.locator("#map"));

  const zoomOut = async (zoom) => {
    await page.locator(".leaflet-control-zoom-out").click();
    await page.waitForFunction((z) => new URL(window.location.href).searchParams.get("z") === String(z), zoom,
      { timeout: TIMEOUT_MS });
  };
  const gone = (selector) => page.waitForFunction((s) => document.querySelector(s) === null, selector,
    { timeout: TIMEOUT_MS }).then(() => page.locator(selector).count()); // labels fade out
  await zoomOut(7);
  results.admin1_labels_at_7 = await gone("#map .admin1-label");
  results.admin1_lines_at_7 = await page.locator("#map path.admin1").count();
  for (const zoom of [6, 5, 4]) await zoomOut(zoom);
  results.admin1_lines_at_4 = await gone("#map path.admin1");
}

async function eventPage(page, href) {
  await page.goto(`${base}${href}`);
  await page.locator("#ledger tr.report").first().waitFor({ timeout: TIMEOUT_MS });
  results.event_reports = await page.locator("#ledger tr.report").count();
  results.event_marks = await page.locator(".evidence mark").count();
  check(results.event_marks > 0, "no value is highlighted in the evidence");
  await shoot(page, "event");
}

async function hostileEvent(page) {
  await page.goto(`${base}/?q=Ganja&min_killed=3`);
  const link = page.locator("#events tbody tr", { hasText: "Ganja" }).locator("a").first();
  await link.waitFor({ timeout: TIMEOUT_MS });
  await page.goto(`${base}${await link.getAttribute("href")}`);
  await page.locator("#ledger tr.report").first().waitFor({ timeout: TIMEOUT_MS });
  const ledger = await page.locator("#ledger").textContent();
  check(ledger.includes("<script>alert('title')</script>"), "the hostile title is not shown as text");
  check(ledger.includes("<img src=x onerror=alert(1)>"), "the hostile evidence is not shown as text");
  check(await page.locator("#ledger img, #ledger script").count() === 0, "document markup became elements");
  check(await page.locator('#ledger a[rel="noopener noreferrer"]').count() > 0, "source links lack rel");
  results.hostile_text_escaped = true;
  await shoot(page, "event-hostile");
}

async function briefing(page) {
  await page.goto(`${base}/brief?date=2020-10-04`);
  await page.locator("#briefing").waitFor({ timeout: TIMEOUT_MS });
  results.briefing_heading = await page.locator("#briefing h1").first().textContent();
  results.briefing_items = await page.locator("#briefing li").count();
  check(results.briefing_items > 0, "the briefing for 2020-10-04 is empty");
  await shoot(page, "brief");
}

async function geojson(page) {
  await page.goto(`${base}/`);
  await page.locator("#map .ev-marker, #map .ev-cluster").first().waitFor({ timeout: TIMEOUT_MS });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-geojson")]);
  const collection = JSON.parse(readFileSync(await download.path(), "utf-8"));
  check(collection.type === "FeatureCollection", "the download is not a GeoJSON FeatureCollection");
  results.geojson_features = collection.features.length;
  check(results.geojson_features === results.total, `GeoJSON has ${results.geojson_features} features`);
}

async function timeMarkers(page) {
  results.first_marker_ms = [];
  results.count_ms = [];
  for (let i = 0; i < TIME_MARKERS; i += 1) {
    const start = Date.now();
    await page.goto(`${base}/`);
    await page.locator("#map .ev-marker, #map .ev-cluster").first().waitFor({ timeout: 60000 });
    results.first_marker_ms.push(Date.now() - start);
    await page.waitForFunction(() => /^\d+ event/.test(document.getElementById("count").textContent),
      null, { timeout: 60000 });
    results.count_ms.push(Date.now() - start);
  }
  results.total = await count(page);
  results.status_line = await page.locator("#status-line").textContent();
}

const profile = mkdtempSync(join(tmpdir(), "frontwatch-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM, args: ARGS, headless: true, acceptDownloads: true,
  viewport: { width: 1280, height: 900 },
});
let code = 0;
try {
  const page = context.pages()[0] || await context.newPage();
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => { problems.push(`dialog opened: ${dialog.message()}`); dialog.dismiss(); });
  page.on("requestfailed", (request) => {
    // Leaving a page cancels the admin-1 outlines it was still fetching in the background.
    const cancelled = request.failure().errorText === "net::ERR_ABORTED" && request.url().includes("/vendor/admin1/");
    if (!cancelled) problems.push(`request failed: ${request.url()} (${request.failure().errorText})`);
  });
  page.on("request", (request) => {
    if (!request.url().startsWith(base)) problems.push(`request outside the app: ${request.url()}`);
  });
  if (TIME_MARKERS) {
    await timeMarkers(page);
  } else {
    const href = await desk(page);
    await admin1(page);
    await eventPage(page, href);
    await hostileEvent(page);
    await briefing(page);
    await geojson(page);
  }
  check(problems.length === 0, problems.join("; "));
} catch (error) {
  results.error = error.message;
  results.problems = problems;
  code = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(results));
process.exit(code);
