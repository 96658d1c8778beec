#!/usr/bin/env bash
# Re-fetch the vendored front-end files at their pinned versions.
#
# Needs Node.js/npm only on the machine of whoever runs this; the site itself never runs
# Node.js and the repository holds no node_modules. `npm pack` downloads each package's
# tarball from the npm registry into a temporary directory; we copy only the built CSS/JS
# and the licence files into vakmanschap/core/static/vendor/.
#
# To upgrade: change a version below, run `make vendor`, look at the pages (and run the
# e2e tests: `pytest tests/e2e`), then commit the vendor directory together with this file.
set -euo pipefail

COMPONENTS_VERSION="9.0.4"   # @utrecht/component-library-css (EUPL-1.2)
TOKENS_VERSION="7.4.1"       # @nl-design-system-unstable/voorbeeld-design-tokens (EUPL-1.2)
HTMX_VERSION="2.0.11"        # htmx.org (0BSD)

cd "$(dirname "$0")/.."
VENDOR="vakmanschap/core/static/vendor"
command -v npm >/dev/null 2>&1 || { echo "npm is needed to refresh the vendored files."; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

unpack() {  # unpack <package@version> <dir name>
  (cd "$tmp" && npm pack --silent "$1" >/dev/null)
  local tarball
  tarball="$(ls -t "$tmp"/*.tgz | head -n 1)"
  mkdir -p "$tmp/$2"
  tar -xzf "$tarball" -C "$tmp/$2"
  rm "$tarball"
}

unpack "@utrecht/component-library-css@${COMPONENTS_VERSION}" components
unpack "@nl-design-system-unstable/voorbeeld-design-tokens@${TOKENS_VERSION}" tokens
unpack "htmx.org@${HTMX_VERSION}" htmx

rm -rf "$VENDOR/nlds" "$VENDOR/htmx"
mkdir -p "$VENDOR/nlds" "$VENDOR/htmx"

cp "$tmp/components/package/dist/index.css" "$VENDOR/nlds/utrecht-component-library.css"
cp "$tmp/components/package/LICENSE.md" "$VENDOR/nlds/LICENSE-utrecht-component-library-css.md"
cp "$tmp/tokens/package/dist/theme.css" "$VENDOR/nlds/voorbeeld-design-tokens.css"
cp "$tmp/tokens/package/LICENSE.md" "$VENDOR/nlds/LICENSE-voorbeeld-design-tokens.md"
cp "$tmp/htmx/package/dist/htmx.min.js" "$VENDOR/htmx/htmx.min.js"
cp "$tmp/htmx/package/LICENSE" "$VENDOR/htmx/LICENSE"

cat > "$VENDOR/nlds/VERSIONS" <<VERSIONS
# Written by scripts/refresh-vendor.sh; do not edit by hand.
@utrecht/component-library-css ${COMPONENTS_VERSION} dist/index.css -> utrecht-component-library.css (EUPL-1.2)
@nl-design-system-unstable/voorbeeld-design-tokens ${TOKENS_VERSION} dist/theme.css -> voorbeeld-design-tokens.css (EUPL-1.2)
VERSIONS
cat > "$VENDOR/htmx/VERSIONS" <<VERSIONS
# Written by scripts/refresh-vendor.sh; do not edit by hand.
htmx.org ${HTMX_VERSION} dist/htmx.min.js -> htmx.min.js (0BSD)
VERSIONS

echo "Vendored: component-library-css ${COMPONENTS_VERSION}, voorbeeld-design-tokens ${TOKENS_VERSION}, htmx ${HTMX_VERSION}"
