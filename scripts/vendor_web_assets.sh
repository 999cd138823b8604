#!/usr/bin/env bash
# Vendor the web map's third-party assets into src/frontlines/serve/static/vendor/.
#
# Why: the page must work offline (no CDN, no tile server), so the map library and an offline
# basemap ship inside the Python package. Everything comes from the npm registry at pinned
# versions; re-running this script reproduces the committed files byte for byte.
#
#   leaflet@1.9.4          BSD-2-Clause  map library (leaflet.js, leaflet.css)
#   world-atlas@2.0.2      ISC           Natural Earth 1:50m country outlines as TopoJSON
#                                        (Natural Earth data itself is public domain)
#   topojson-client@3.1.0  ISC           TopoJSON -> GeoJSON, used here only, at vendor time
#   topojson-simplify@3.0.3 ISC          Visvalingam simplification (shared borders stay
#                                        shared), used here only, at vendor time
#
# Output: vendor/leaflet/{leaflet.js,leaflet.css,LICENSE}, vendor/countries-50m.geojson
# (coordinates rounded to 2 decimals, ~1 km, to keep the package and page load small) and
# vendor/*-LICENSE and vendor/NATURAL-EARTH.txt.
set -euo pipefail

LEAFLET=1.9.4
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
TOPOJSON_SIMPLIFY=3.0.3
# Keep the outline points above this weight quantile: the 1:50m outlines drop from ~300k to
# ~65k coordinates (1.8 MB -> 0.5 MB of GeoJSON), still finer than the 1:110m file at country
# zoom, and the page draws the basemap in a few hundred milliseconds.
QUANTILE=0.3

here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/src/frontlines/serve/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts \
  "leaflet@$LEAFLET" "world-atlas@$WORLD_ATLAS" "topojson-client@$TOPOJSON_CLIENT" \
  "topojson-simplify@$TOPOJSON_SIMPLIFY" >/dev/null

mkdir -p "$out/leaflet"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp node_modules/leaflet/LICENSE "$out/leaflet/LICENSE"
cp node_modules/world-atlas/LICENSE "$out/world-atlas-LICENSE"
cp node_modules/topojson-client/LICENSE "$out/topojson-client-LICENSE"
cp node_modules/topojson-simplify/LICENSE "$out/topojson-simplify-LICENSE"

node - "$out/countries-50m.geojson" "$QUANTILE" <<'JS'
const fs = require("fs");
const topojson = require("topojson-client");
const simplify = require("topojson-simplify");
const raw = JSON.parse(fs.readFileSync("node_modules/world-atlas/countries-50m.json", "utf8"));
const pre = simplify.presimplify(raw);
const topo = simplify.simplify(pre, simplify.quantile(pre, Number(process.argv[3])));
const fc = topojson.feature(topo, topo.objects.countries);
// 2 decimals (~1 km) is finer than the 1:50m data; drop the points rounding makes repeat.
const r2 = (x) => Math.round(x * 100) / 100;
const ring = (pts) => {
  const out = [];
  for (const [x, y] of pts) {
    const p = [r2(x), r2(y)];
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  while (out.length < 4) out.push(out[0]);
  return out;
};
const geom = (g) => (g.type === "Polygon" ? { type: g.type, coordinates: g.coordinates.map(ring) }
  : { type: g.type, coordinates: g.coordinates.map((poly) => poly.map(ring)) });
fc.features = fc.features.filter((f) => f.geometry);
for (const f of fc.features) {
  f.geometry = geom(f.geometry);
  f.properties = { name: f.properties.name };
}
fs.writeFileSync(process.argv[2], JSON.stringify(fc));
JS

cat > "$out/NATURAL-EARTH.txt" <<TXT
countries-50m.geojson: Natural Earth 1:50m Admin 0 country boundaries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as packaged by world-atlas@$WORLD_ATLAS
(ISC), simplified with topojson-simplify@$TOPOJSON_SIMPLIFY (ISC, weight quantile $QUANTILE)
and converted to GeoJSON with topojson-client@$TOPOJSON_CLIENT (ISC) by
scripts/vendor_web_assets.sh. Coordinates rounded to 2 decimals.
TXT
ls -l "$out" "$out/leaflet"
