#!/usr/bin/env bash
# Renders the app icon from hvsocket-explorer.svg (drawn by hand, next to this script) into the
# committed resources: resources/icons/hvsocket-explorer-<size>.png (the window, the Linux menu
# entry) and resources/icons/hvsocket-explorer.ico (the Windows launchers and the MSI).
# Run it after editing the SVG and commit the results; builds never run it.
# Needs: rsvg-convert and icotool (Debian: apt-get install librsvg2-bin icoutils).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../../resources/icons"
mkdir -p "$out"
sizes=(16 24 32 48 64 128 256)
pngs=()
for s in "${sizes[@]}"; do
  rsvg-convert -w "$s" -h "$s" "$here/hvsocket-explorer.svg" -o "$out/hvsocket-explorer-$s.png"
  pngs+=("$out/hvsocket-explorer-$s.png")
done
# Windows wants the 256 px image stored as PNG inside the .ico (-r), the small ones as bitmaps.
icotool -c -o "$out/hvsocket-explorer.ico" "${pngs[@]:0:6}" -r "$out/hvsocket-explorer-256.png"
ls -l "$out"
