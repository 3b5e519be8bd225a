#!/usr/bin/env bash
# Copy the front-end libraries the pages need from node_modules into graphcrm/http/static/vendor.
# Run after `npm install` (or `npm ci`) at the repository root; the copies are committed so
# pages work offline and without npm.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/node_modules"
dest="$root/graphcrm/http/static/vendor"
if [ ! -d "$src/vis-network" ]; then
  echo "node_modules/vis-network is missing: run 'npm ci' (or 'npm install') at $root first" >&2
  exit 1
fi
mkdir -p "$dest/vis-network"
# The standalone build bundles vis-data and its own styles, so one file gives a working network.
cp "$src/vis-network/standalone/umd/vis-network.min.js" "$dest/vis-network/"
cp "$src/vis-network/styles/vis-network.min.css" "$dest/vis-network/"
# The source maps are not shipped, so drop the comments that point browsers at them.
sed -i '/sourceMappingURL/d' "$dest/vis-network/vis-network.min.js" "$dest/vis-network/vis-network.min.css"
cp "$src/vis-network/LICENSE-MIT" "$src/vis-network/LICENSE-APACHE-2.0" "$dest/vis-network/"
version="$(node -p "require('$src/vis-network/package.json').version")"
echo "$version" > "$dest/vis-network/VERSION"
echo "vendored vis-network $version into ${dest#$root/}"

# Leaflet and its clustering plugin for the map page (the images are the default marker and layer icons).
for pkg in leaflet leaflet.markercluster; do
  if [ ! -d "$src/$pkg" ]; then
    echo "node_modules/$pkg is missing: run 'npm ci' (or 'npm install') at $root first" >&2
    exit 1
  fi
done
mkdir -p "$dest/leaflet/images" "$dest/leaflet.markercluster"
cp "$src/leaflet/dist/leaflet.js" "$src/leaflet/dist/leaflet.css" "$src/leaflet/LICENSE" "$dest/leaflet/"
cp "$src/leaflet/dist/images/"*.png "$dest/leaflet/images/"
cp "$src/leaflet.markercluster/dist/leaflet.markercluster.js" "$src/leaflet.markercluster/dist/MarkerCluster.css" \
   "$src/leaflet.markercluster/dist/MarkerCluster.Default.css" "$src/leaflet.markercluster/MIT-LICENCE.txt" \
   "$dest/leaflet.markercluster/"
sed -i 's|//# sourceMappingURL=.*$||' "$dest/leaflet/leaflet.js" "$dest/leaflet.markercluster/leaflet.markercluster.js"
# The plugin's package ships its files executable; static assets need not be.
chmod 0644 "$dest"/leaflet.markercluster/*
for pkg in leaflet leaflet.markercluster; do
  version="$(node -p "require('$src/$pkg/package.json').version")"
  echo "$version" > "$dest/$pkg/VERSION"
  echo "vendored $pkg $version into ${dest#$root/}"
done
