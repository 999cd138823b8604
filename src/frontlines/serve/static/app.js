/* frontlines web map: control of places over time, from the HTTP API.
 *
 * Security rule of this file: text from articles (sentences, outlets, sources, titles, place
 * and actor names) is only ever put in the page through textContent (the `el` helper) and
 * links only through `safeUrl`. Nothing here uses innerHTML, and the CSP forbids inline
 * scripts, so a report containing <script> or onerror= stays text.
 */
(function () {
  "use strict";

  const PALETTE = ["#c0392b", "#2166ac", "#1b9e77", "#7570b3", "#e6ab02", "#a6761d",
    "#e7298a", "#66a61e", "#17becf", "#8c564b"];
  const UNKNOWN = "#8a8f98";
  const DAY_MS = 86400000;
  const LABEL_LIMIT = 80; // permanent place labels only when there are few places
  const SVG_LIMIT = 600; // more markers than this are drawn on a canvas (much faster)

  const state = {
    meta: null, places: [], dates: [], index: 0, actor: "", type: "", country: "",
    place: null, snapshot: null, timer: null, colors: new Map(), markers: new Map(),
    cache: new Map(), pending: null,
  };
  let map, placeLayer, haloLayer, selectLayer;

  // ------------------------------------------------------------------ safe DOM helpers

  /** Build an element; strings become text nodes (never HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  /** Only http(s) links are followed: a javascript: URL from a report stays text. */
  function safeUrl(u) {
    if (typeof u !== "string" || !u) return null;
    try {
      const url = new URL(u, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(href, label, external) {
    const safe = safeUrl(href);
    if (!safe) return el("span", { class: "nolink", title: "not a web link" }, label);
    return el("a", external ? { href: safe, target: "_blank", rel: "noopener noreferrer" }
      : { href: safe }, label);
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  const $ = (id) => document.getElementById(id);

  function showError(msg) {
    const box = $("error");
    box.textContent = msg;
    box.hidden = !msg;
  }

  async function api(path, signal) {
    const res = await fetch(path, { signal, headers: { Accept: "application/json" } });
    if (!res.ok) {
      let detail = res.statusText;
      try { detail = (await res.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(`${path}: ${res.status} ${typeof detail === "string" ? detail : ""}`);
    }
    return res.json();
  }

  // ------------------------------------------------------------------ dates

  const iso = (d) => new Date(d).toISOString().slice(0, 10);
  const parseDay = (s) => Date.parse(`${s}T00:00:00Z`);
  function dayRange(first, last) {
    const out = [];
    for (let t = parseDay(first); t <= parseDay(last); t += DAY_MS) out.push(iso(t));
    return out;
  }
  const currentDate = () => state.dates[state.index];

  // ------------------------------------------------------------------ colours and styles

  function colorOf(actorId) {
    if (!actorId) return UNKNOWN;
    if (!state.colors.has(actorId)) {
      state.colors.set(actorId, PALETTE[state.colors.size % PALETTE.length]);
    }
    return state.colors.get(actorId);
  }

  function radiusOf(place) {
    const seat = place.admin_seat;
    return seat === 0 ? 10 : seat === 1 ? 8 : 6;
  }

  /** Marker style by control status: claimed-only is hollow and dashed, contested dotted. */
  function styleOf(row, place) {
    const color = colorOf(row ? row.controller_id : null);
    const base = { radius: radiusOf(place), color: "#1d2430", weight: 1.5, opacity: 1,
      fillColor: color, fillOpacity: 0.85, dashArray: null };
    if (!row) return { ...base, radius: 3, fillColor: UNKNOWN, fillOpacity: 0.6, weight: 0.5 };
    switch (row.status) {
      case "confirmed": return { ...base, weight: 2.5 };
      case "reported": return base;
      case "claimed": return { ...base, color, weight: 2.5, fillOpacity: 0.12, dashArray: "4 3" };
      case "contested": return { ...base, color: "#111", weight: 3, fillOpacity: 0.5,
        dashArray: "1 4" };
      case "assumed": return { ...base, color: "#5b6270", weight: 1, fillOpacity: 0.35 };
      default: return base;
    }
  }

  // ------------------------------------------------------------------ map

  async function initMap() {
    map = L.map("map", { zoomSnap: 0.25, worldCopyJump: true, preferCanvas: false,
      attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · Leaflet");
    map.setView([30, 40], 3);
    // The basemap downloads beside the data but is parsed and drawn after the first markers
    // (drawBasemap), in its own pane below them, on a canvas: thousands of outline points
    // are much cheaper there than as SVG paths.
    map.createPane("basemap").style.zIndex = 200;
    state.basemap = fetch("/basemap.geojson");
    haloLayer = L.layerGroup().addTo(map);
    placeLayer = L.layerGroup().addTo(map);
    selectLayer = L.layerGroup().addTo(map);
    map.on("zoomend moveend viewreset resize", () => requestAnimationFrame(declutterLabels));
    buildLegend();
  }

  function drawBasemap() {
    return state.basemap
      .then((res) => {
        if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
        return res.json();
      })
      .then((world) => {
        L.geoJSON(world, { pane: "basemap", interactive: false,
          renderer: L.canvas({ pane: "basemap" }),
          style: () => ({ color: "#9aa3ad", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 }),
        }).addTo(map);
        document.body.dataset.basemap = "1";
        performance.mark("frontlines:basemap");
      })
      .catch((e) => showError(`basemap: ${e.message}`));
  }

  function buildLegend() {
    const legend = L.control({ position: "topright" });
    legend.onAdd = () => {
      // Folded on phones, where it would cover half the map.
      const wide = window.matchMedia("(min-width: 821px)").matches;
      const box = el("details", { class: "legend", open: wide },
        el("summary", {}, "Legend"), el("div", { id: "legend" }));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    legend.addTo(map);
  }

  function swatch(style) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    const c = document.createElementNS(ns, "circle");
    c.setAttribute("cx", "9");
    c.setAttribute("cy", "9");
    c.setAttribute("r", "6");
    c.setAttribute("fill", style.fillColor);
    c.setAttribute("fill-opacity", String(style.fillOpacity));
    c.setAttribute("stroke", style.color);
    c.setAttribute("stroke-width", String(Math.min(style.weight, 2.5)));
    if (style.dashArray) c.setAttribute("stroke-dasharray", style.dashArray.replace(" ", ","));
    svg.append(c);
    return svg;
  }

  function renderLegend() {
    const box = $("legend");
    if (!box) return;
    clear(box);
    const snap = state.snapshot;
    const counts = snap ? snap.counts : {};
    const seen = new Map();
    for (const r of snap ? snap.rows : []) seen.set(r.controller_id || "", r.controller || "unknown");
    box.append(el("div", { class: "legend-title" }, "Held by"));
    for (const [id, name] of seen) {
      box.append(el("div", { class: "legend-row" },
        swatch({ fillColor: colorOf(id || null), fillOpacity: 0.85, color: "#1d2430", weight: 1 }),
        `${name} (${counts[name] ?? 0})`));
    }
    box.append(el("div", { class: "legend-title" }, "Status"));
    const demo = { controller_id: null };
    const place = { admin_seat: 1 };
    for (const [status, label] of [["confirmed", "confirmed"], ["reported", "reported"],
      ["claimed", "claimed only"], ["contested", "contested"], ["assumed", "assumed (prior)"]]) {
      const st = styleOf({ ...demo, status }, place);
      box.append(el("div", { class: "legend-row" }, swatch({ ...st, fillColor: UNKNOWN }), label));
    }
    box.append(el("div", { class: "legend-row" },
      swatch({ fillColor: "none", fillOpacity: 0, color: "#f39c12", weight: 2.5 }),
      "events this day"));
  }

  /** Markers are made once per country filter; a new date only restyles them (cheap enough
   * to play through a year of thousands of places). */
  function ensureMarkers() {
    const key = state.country || "*";
    if (state.markersFor === key) return;
    state.markersFor = key;
    placeLayer.clearLayers();
    state.markers.clear();
    const visible = state.places.filter((p) => !state.country || p.country === state.country);
    const labels = visible.length <= LABEL_LIMIT;
    if (!state.renderer) {
      state.renderer = visible.length > SVG_LIMIT ? L.canvas({ padding: 0.2 }) : L.svg();
    }
    // Capitals, then bigger towns, are drawn last (on top).
    const rank = (p) => (p.admin_seat === 0 ? 2 : p.admin_seat === 1 ? 1 : 0);
    visible.sort((a, b) => rank(a) - rank(b) || a.population - b.population);
    for (const p of visible) {
      const marker = L.circleMarker([p.lat, p.lon], {
        ...styleOf(null, p), className: `place place-${p.geonameid}`,
        bubblingMouseEvents: false, renderer: state.renderer,
      });
      if (labels) {
        marker.bindTooltip(el("span", {}, p.name), { permanent: true, direction: "right",
          offset: [8, 0], className: "place-label" });
      } else {
        marker.bindTooltip(() => tipOf(p), { direction: "right", offset: [8, 0],
          className: "place-tip" });
      }
      marker.on("click", () => openPlace(p.geonameid));
      marker.addTo(placeLayer);
      marker.place = p;
      marker.priority = [p.admin_seat === 0 ? 0 : p.admin_seat === 1 ? 1 : 2, -p.population || 0];
      state.markers.set(p.geonameid, marker);
    }
  }

  function tipOf(p) {
    const row = state.rows ? state.rows.get(p.geonameid) : null;
    return el("span", {}, p.name,
      el("span", { class: "tip-sub" }, row ? ` ${row.controller || "unknown"} · ${row.status}` : ""));
  }

  function renderPlaces() {
    ensureMarkers();
    const snap = state.snapshot;
    state.rows = new Map((snap ? snap.rows : []).map((r) => [r.place.geonameid, r]));
    for (const [gid, marker] of state.markers) {
      const row = state.rows.get(gid) || null;
      const style = styleOf(row, marker.place);
      if (state.actor && (!row || row.controller_id !== state.actor)) {
        style.fillOpacity *= 0.25;
        style.opacity = 0.3;
      }
      marker.setStyle(style);
      marker.setRadius(style.radius);
      const node = marker.getElement && marker.getElement();
      if (node) {  // SVG: the status is also a class (for tests and user styles)
        node.classList.remove(...[...node.classList].filter((c) => c.startsWith("status-")));
        if (row) node.classList.add(`status-${row.status}`);
      }
    }
    renderSelection();
  }

  /** Hide permanent labels that would cover a more important label or another place's
   * marker (the selected place first, then capitals, then by population). */
  function declutterLabels() {
    const labelled = [...state.markers.entries()].filter(([, m]) => m.getTooltip() &&
      m.getTooltip().options.permanent && m.getTooltip().getElement());
    const rank = ([gid, m]) => (gid === state.place ? -1 : m.priority[0]);
    labelled.sort((a, b) => rank(a) - rank(b) || a[1].priority[1] - b[1].priority[1]);
    const dots = new Map();
    for (const [gid, m] of state.markers) {
      const node = m.getElement();
      if (node) dots.set(gid, node.getBoundingClientRect());
    }
    const hit = (r, q) => r.left < q.right && q.left < r.right && r.top < q.bottom &&
      q.top < r.bottom;
    const placed = [];
    for (const [gid, m] of labelled) {
      const node = m.getTooltip().getElement();
      node.classList.remove("label-hidden");
      const r = node.getBoundingClientRect();
      const clash = placed.some((q) => hit(r, q)) || (gid !== state.place &&
        [...dots].some(([other, q]) => other !== gid && hit(r, q)));
      if (clash) node.classList.add("label-hidden");
      else placed.push(r);
    }
  }

  function renderSelection() {
    selectLayer.clearLayers();
    declutterLabels();
    const p = state.places.find((x) => x.geonameid === state.place);
    if (!p) return;
    L.circleMarker([p.lat, p.lon], { radius: radiusOf(p) + 4, color: "#111", weight: 3,
      fill: false, interactive: false, className: "selected" }).addTo(selectLayer);
  }

  function renderHalos(items) {
    haloLayer.clearLayers();
    const done = new Set();
    for (const e of items) {
      const p = e.place;
      if (!p || done.has(p.geonameid)) continue;
      done.add(p.geonameid);
      L.circleMarker([p.lat, p.lon], { radius: radiusOf(p) + 6, color: "#f39c12", weight: 2.5,
        fill: false, interactive: false, className: "halo" }).addTo(haloLayer);
    }
  }

  function fitTo(places) {
    const pts = places.map((p) => [p.lat, p.lon]);
    if (pts.length === 1) map.setView(pts[0], 7, { animate: false });
    else if (pts.length) {
      // Keep the places clear of the legend (top right; ~15rem wide when unfolded).
      const legend = document.querySelector(".legend");
      const right = legend && legend.open ? 16 * 16 : 100;
      map.fitBounds(L.latLngBounds(pts), { maxZoom: 8, animate: false,
        paddingTopLeft: [50, 30], paddingBottomRight: [right, 30] });
    }
  }

  // ------------------------------------------------------------------ data for a date

  async function loadDate() {
    const day = currentDate();
    if (!day) return;
    $("date").textContent = day;
    $("day-label").textContent = day;
    writeHash();
    if (state.pending) state.pending.abort();
    const ctl = new AbortController();
    state.pending = ctl;
    const cq = new URLSearchParams({ as_of: day });
    if (state.country) cq.set("country", state.country);
    const eq = new URLSearchParams({ since: day, until: day, limit: "200" });
    if (state.actor) eq.set("actor", state.actor);
    if (state.type) eq.set("type", state.type);
    if (state.country) eq.set("country", state.country);
    try {
      const key = cq.toString();
      const snapP = state.cache.has(key) ? Promise.resolve(state.cache.get(key))
        : api(`/control?${key}`, ctl.signal);
      const [snap, events] = await Promise.all([snapP, api(`/events?${eq}`, ctl.signal)]);
      state.cache.set(key, snap);
      if (state.cache.size > 400) state.cache.delete(state.cache.keys().next().value);
      state.snapshot = snap;
      renderPlaces();
      renderLegend();
      renderHalos(events.items);
      renderDay(events);
      if (state.place !== null && state.timeline) renderPlace(state.timeline);
      showError("");
      document.body.dataset.loaded = day;
    } catch (e) {
      if (e.name !== "AbortError") showError(e.message);
    }
  }

  function renderDay(page) {
    const list = $("day-events");
    clear(list);
    $("day-count").textContent = page.total === 0 ? "No events reported for this day."
      : `${page.total} event${page.total === 1 ? "" : "s"}` +
        (page.total > page.items.length ? ` (first ${page.items.length})` : "");
    for (const e of page.items) {
      const first = (e.members || []).find((m) => m.sentence) || {};
      const placeName = e.place ? e.place.name : "unknown place";
      list.append(el("li", { class: "day-event" },
        el("div", { class: "row" },
          el("span", { class: `badge type-${e.type}` }, e.type),
          e.place ? el("button", { type: "button", class: "linkish",
            onclick: () => openPlace(e.place.geonameid) }, placeName) : placeName,
          el("span", { class: `status status-${e.status}` }, e.status)),
        el("div", { class: "muted small" },
          `${e.actor ? e.actor.name : "unknown actor"} · ${e.article_count} article` +
          `${e.article_count === 1 ? "" : "s"}`),
        first.sentence ? el("blockquote", { class: "sentence" }, first.sentence) : null));
    }
  }

  // ------------------------------------------------------------------ the place panel

  async function openPlace(geonameid) {
    state.place = geonameid;
    writeHash();
    renderSelection();
    const panel = $("place-panel");
    panel.hidden = false;
    $("place-name").textContent = "…";
    clear($("place-periods"));
    clear($("place-events"));
    try {
      const tl = await api(`/timeline/${encodeURIComponent(geonameid)}`);
      if (state.place !== geonameid) return;
      state.timeline = tl;
      renderPlace(tl);
      panel.scrollIntoView({ block: "nearest" });
    } catch (e) {
      showError(e.message);
    }
  }

  function renderPlaceNow() {
    const row = (state.snapshot ? state.snapshot.rows : [])
      .find((r) => r.place.geonameid === state.place);
    const now = $("place-now");
    clear(now);
    const day = currentDate();
    if (!row) {
      now.append(`No control information on ${day}.`);
      return;
    }
    now.append(swatch(styleOf(row, { admin_seat: 1 })), el("span", {}, `On ${day}: held by `,
      el("strong", {}, row.controller || "unknown"),
      ` · ${row.status}` + (row.since ? ` since ${row.since}` : "") +
      ` · confidence ${Math.round(row.confidence * 100)}%`));
  }

  function renderPlace(tl) {
    const p = tl.places.find((x) => x.geonameid === state.place) || tl.places[0];
    $("place-name").textContent = p.name;
    $("place-meta").textContent = [p.admin1, p.country, `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}`]
      .filter(Boolean).join(" · ");
    renderPlaceNow();
    const day = currentDate();
    const periods = $("place-periods");
    clear(periods);
    for (const per of tl.periods.filter((x) => x.place.geonameid === p.geonameid)) {
      const current = (!per.since || per.since <= day) && (!per.until || day < per.until);
      periods.append(el("li", { class: current ? "period current" : "period" },
        swatch(styleOf({ controller_id: per.controller_id, status: per.status }, { admin_seat: 1 })),
        el("span", {}, el("strong", {}, per.controller || "unknown"),
          ` ${per.since || "…"} → ${per.until || "now"} · ${per.status}`)));
    }
    const box = $("place-events");
    clear(box);
    const events = tl.events.filter((e) => e.place && e.place.geonameid === p.geonameid);
    if (!events.length) box.append(el("p", { class: "muted" }, "No reports."));
    for (const e of events) {
      if (state.type && e.type !== state.type) continue;
      const later = e.date && e.date > day;
      const card = el("article", { class: later ? "report later" : "report" },
        el("div", { class: "row" },
          el("span", { class: `badge type-${e.type}` }, e.type),
          el("span", {}, `${e.date || "undated"} · ${e.actor ? e.actor.name : "unknown actor"}`),
          el("span", { class: `status status-${e.status}` }, e.status)),
        later ? el("div", { class: "muted small" }, "after the selected date") : null);
      for (const m of e.members || []) card.append(renderMember(m));
      box.append(card);
    }
  }

  function renderMember(m) {
    // One line per distinct sentence (a sentence with two triggers is evidence twice).
    const sentences = [...new Set((m.evidence && m.evidence.length
      ? m.evidence.map((v) => v.sentence) : [m.sentence]).filter(Boolean))];
    const sources = (m.sources || []).map((s) => `${s.text} (${s.type.replace(/_/g, " ")})`);
    return el("div", { class: "member" },
      sentences.map((s) => el("blockquote", { class: "sentence evidence" }, s)),
      el("div", { class: "muted small" },
        el("span", { class: `status status-${m.status}` }, m.negated ? "denied" : m.status),
        ` ${m.outlet || "unknown outlet"}` + (m.published ? ` · ${m.published}` : ""),
        sources.length ? ` · source: ${sources.join("; ")}` : ""),
      el("div", { class: "small links" },
        link(m.url, "article", true), " · ", link(m.article_href, "stored text", false)));
  }

  function closePlace() {
    state.place = null;
    state.timeline = null;
    $("place-panel").hidden = true;
    writeHash();
    renderSelection();
  }

  // ------------------------------------------------------------------ controls

  /** The slider spans the selected country's events (all events without a country). */
  function setDates(wanted) {
    const m = state.meta;
    const [first, last] = (state.country && m.date_ranges[state.country]) ||
      [m.first_date, m.last_date];
    const keep = wanted || currentDate();
    state.dates = dayRange(first, last);
    $("slider").max = String(state.dates.length - 1);
    const i = keep ? state.dates.indexOf(keep) : -1;
    state.index = i >= 0 ? i : keep && keep < first ? 0 : state.dates.length - 1;
    $("slider").value = String(state.index);
  }

  function setIndex(i) {
    state.index = Math.max(0, Math.min(state.dates.length - 1, i));
    $("slider").value = String(state.index);
    loadDate();
  }

  function togglePlay() {
    const btn = $("play");
    if (state.timer) {
      clearInterval(state.timer);
      state.timer = null;
      btn.textContent = "▶";
      btn.setAttribute("aria-label", "Play");
      return;
    }
    if (state.index >= state.dates.length - 1) setIndex(0);
    btn.textContent = "❚❚";
    btn.setAttribute("aria-label", "Pause");
    state.timer = setInterval(() => {
      if (state.index >= state.dates.length - 1) togglePlay();
      else setIndex(state.index + 1);
    }, 700);
  }

  function readHash() {
    const h = new URLSearchParams(window.location.hash.slice(1));
    return { date: h.get("date"), place: h.get("place"), actor: h.get("actor") || "",
      type: h.get("type") || "", country: h.get("country") || "" };
  }

  function writeHash() {
    const h = new URLSearchParams();
    if (currentDate()) h.set("date", currentDate());
    if (state.place !== null) h.set("place", String(state.place));
    for (const k of ["actor", "type", "country"]) if (state[k]) h.set(k, state[k]);
    history.replaceState(null, "", `#${h}`);
  }

  function fillSelect(id, options, value) {
    const sel = $(id);
    for (const [v, label] of options) sel.append(el("option", { value: v }, label));
    sel.value = value;
  }

  async function start() {
    await initMap();
    const [meta, places] = await Promise.all([api("/meta"), api("/places")]);
    state.meta = meta;
    state.places = places;
    meta.actors.forEach((a) => colorOf(a.id));
    const h = readHash();
    Object.assign(state, { actor: h.actor, type: h.type, country: h.country });
    fillSelect("actor", meta.actors.map((a) => [a.id, a.name]), state.actor);
    fillSelect("type", meta.types.map((t) => [t, t]), state.type);
    if (meta.countries.length > 1) {
      $("country-wrap").hidden = false;
      fillSelect("country", meta.countries.map((c) => [c, c]), state.country);
    }
    if (!meta.first_date) {
      drawBasemap();
      showError("The store has no dated events yet.");
      return;
    }
    setDates(h.date);
    const slider = $("slider");
    fitTo(places.filter((p) => !state.country || p.country === state.country));

    slider.addEventListener("input", () => setIndex(Number(slider.value)));
    $("prev").addEventListener("click", () => setIndex(state.index - 1));
    $("next").addEventListener("click", () => setIndex(state.index + 1));
    $("play").addEventListener("click", togglePlay);
    $("close-place").addEventListener("click", closePlace);
    for (const id of ["actor", "type", "country"]) {
      $(id).addEventListener("change", () => {
        state[id] = $(id).value;
        if (id === "country") {
          setDates(null);
          fitTo(state.places.filter((p) => !state.country || p.country === state.country));
        }
        loadDate();
        if (state.place !== null && state.timeline) renderPlace(state.timeline);
      });
    }
    document.addEventListener("keydown", (ev) => {
      if (ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement) return;
      if (ev.key === "ArrowLeft") setIndex(state.index - 1);
      else if (ev.key === "ArrowRight") setIndex(state.index + 1);
      else if (ev.key === "Escape") closePlace();
    });
    await loadDate();
    if (h.place && /^\d+$/.test(h.place)) await openPlace(Number(h.place));
    // A hash typed or pasted by hand (ours are written with replaceState, no event).
    window.addEventListener("hashchange", () => {
      const n = readHash();
      const countryChanged = n.country !== state.country;
      for (const id of ["actor", "type", "country"]) {
        state[id] = n[id];
        $(id).value = n[id];
      }
      if (countryChanged) {
        setDates(n.date);
        fitTo(state.places.filter((p) => !state.country || p.country === state.country));
      }
      const i = n.date ? state.dates.indexOf(n.date) : -1;
      if (i >= 0) setIndex(i);
      else loadDate();
      if (n.place && /^\d+$/.test(n.place)) openPlace(Number(n.place));
      else closePlace();
    });
    document.body.dataset.ready = "1";
    performance.mark("frontlines:ready"); // page load as measured by benchmarks/bench_serve.py
    await drawBasemap();
  }

  document.addEventListener("DOMContentLoaded", () => {
    start().catch((e) => showError(`could not start: ${e.message}`));
  });
})();
