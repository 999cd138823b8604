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
#
# Output: vendor/leaflet/{leaflet.js,leaflet.css,LICENSE}, vendor/countries-50m.geojson
# (coordinates rounded to 3 decimals, ~100 m, to keep the package small) and
# vendor/world-atlas-LICENSE, vendor/topojson-client-LICENSE, vendor/NATURAL-EARTH.txt.
set -euo pipefail

LEAFLET=1.9.4
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0

here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/src/frontlines/serve/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts \
  "leaflet@$LEAFLET" "world-atlas@$WORLD_ATLAS" "topojson-client@$TOPOJSON_CLIENT" >/dev/null

mkdir -p "$out/leaflet"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp node_modules/leaflet/LICENSE "$out/leaflet/LICENSE"
cp node_modules/world-atlas/LICENSE "$out/world-atlas-LICENSE"
cp node_modules/topojson-client/LICENSE "$out/topojson-client-LICENSE"

node - "$out/countries-50m.geojson" <<'JS'
const fs = require("fs");
const topojson = require("topojson-client");
const topo = JSON.parse(fs.readFileSync("node_modules/world-atlas/countries-50m.json", "utf8"));
const fc = topojson.feature(topo, topo.objects.countries);
const round = (c) => (typeof c[0] === "number"
  ? [Math.round(c[0] * 1000) / 1000, Math.round(c[1] * 1000) / 1000]
  : c.map(round));
for (const f of fc.features) {
  f.geometry.coordinates = round(f.geometry.coordinates);
  f.properties = { name: f.properties.name };
}
fs.writeFileSync(process.argv[2], JSON.stringify(fc));
JS

cat > "$out/NATURAL-EARTH.txt" <<TXT
countries-50m.geojson: Natural Earth 1:50m Admin 0 country boundaries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as packaged by world-atlas@$WORLD_ATLAS
(ISC) and converted to GeoJSON with topojson-client@$TOPOJSON_CLIENT (ISC) by
scripts/vendor_web_assets.sh. Coordinates rounded to 3 decimals.
TXT
ls -l "$out" "$out/leaflet"
