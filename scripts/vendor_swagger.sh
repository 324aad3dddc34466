#!/usr/bin/env bash
# Vendor Swagger UI from the npm registry into the package so that /api/docs works offline.
# Re-run after changing the pinned version; commit the result (licence and notice included).
set -euo pipefail

VERSION="5.35.0"
DEST="$(cd "$(dirname "$0")/.." && pwd)/frontwatch/web/static/vendor/swagger-ui"
FILES=(swagger-ui.css swagger-ui-bundle.js LICENSE NOTICE)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "swagger-ui-dist@${VERSION}" >/dev/null)
tar -xzf "$work/swagger-ui-dist-${VERSION}.tgz" -C "$work"

rm -rf "$DEST"
mkdir -p "$DEST"
for file in "${FILES[@]}"; do
  cp "$work/package/$file" "$DEST/$file"
done
echo "swagger-ui-dist ${VERSION} (npm, Apache-2.0)" > "$DEST/VERSION"
echo "vendored swagger-ui-dist ${VERSION} into ${DEST}"
