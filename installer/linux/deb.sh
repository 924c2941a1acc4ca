#!/usr/bin/env bash
# deb.sh IMAGE VERSION OUTDIR: packs the jpackage app image IMAGE into OUTDIR/hvsocket-explorer_<version>_<arch>.deb.
#
# dpkg-deb builds it directly rather than `jpackage --type deb`: jpackage's package puts the menu entry
# in place with xdg-utils from its maintainer scripts, which makes xdg-utils a dependency and fails on
# a system without desktop menu directories ("No writable system menu directory found"), and what
# those scripts create is not dpkg's to remove. Here every file is package content: the app under
# /opt/hvsocket-explorer, the link /usr/bin/hvx, the desktop entry, the icons, the copyright file.
# So the package needs no maintainer scripts at all (no postinst to fail), dpkg's triggers refresh
# the desktop and icon caches where those exist, and `dpkg -r` removes every file.
#
# Depends: the Debian packages that own the shared libraries the launchers and the runtime link to
# (found with readelf, ldd and dpkg -S on this machine), so build on the release you ship for.
# HVX_DEB_COMPRESSION: xz (the default, smallest) or zstd, gzip, none (faster builds).
set -euo pipefail
trap 'echo "deb: failed (line $LINENO)" >&2' ERR
image="$(cd "$1" && pwd)"
version="$2"
mkdir -p "$3"
out="$(cd "$3" && pwd)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
name=hvsocket-explorer
arch="$(dpkg --print-architecture)"
prop() { sed -n "s/^$1=//p" "$root/installer/package.properties"; }

stage="$out/deb-root"
rm -rf "$stage"
mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/doc/$name" "$stage/DEBIAN"
cp -a "$image" "$stage/opt/$name"
ln -s "/opt/$name/bin/hvx" "$stage/usr/bin/hvx"
install -m 644 "$here/deb/io.hvx.HvSocketExplorer.desktop" "$stage/usr/share/applications/"
for png in "$root"/resources/icons/$name-*.png; do
  size="${png##*-}"
  size="${size%.png}"
  install -D -m 644 "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/$name.png"
done
install -D -m 644 "$root/installer/icons/$name.svg" "$stage/usr/share/icons/hicolor/scalable/apps/$name.svg"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: HvSocket Explorer"
  echo
  echo "Files: *"
  echo "Copyright: $(prop copyright | sed 's/^Copyright (c) //')"
  echo "License: other"
  sed 's/^$/./; s/^/ /' "$root/installer/license.txt"
} > "$stage/usr/share/doc/$name/copyright"
chmod 644 "$stage/usr/share/doc/$name/copyright"

# The shared libraries the runtime's programs and libraries link to directly (their NEEDED entries, as
# dpkg-shlibdeps reads them) and do not bring themselves → the packages that own them.
elves="$(find "$stage/opt/$name" -type f \( -name '*.so' -o -path '*/bin/*' \) \
  -exec sh -c '[ "$(head -c 4 "$1" | tail -c 3)" = ELF ]' _ {} \; -print)"
depends="$(
  for elf in $elves; do
    needed="$(readelf -d "$elf" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
    ldd "$elf" 2>/dev/null | awk -v needed=" $(echo $needed) " '$2 == "=>" && $3 ~ /^\// && index(needed, " " $1 " ") { print $3 }'
  done | sort -u | grep -v "^$stage" \
    | while read -r lib; do
        dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null \
          || { echo "deb: no package owns $lib" >&2; exit 1; }
      done \
    | cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g'
)"
# "not found" is fine for a library the image has itself (libjvm.so: the launchers load it by path)
missing="$(for elf in $elves; do ldd "$elf" 2>/dev/null; done \
  | awk '/not found/ { print $1 }' | sort -u \
  | while read -r lib; do [ -n "$(find "$stage/opt/$name" -name "$lib" -print -quit)" ] || echo "$lib"; done)"
if [ -n "$missing" ]; then
  echo "deb: libraries the runtime needs are missing on this machine (install them, then build again):" >&2
  echo "$missing" >&2
  exit 1
fi

( cd "$stage" && find opt usr -type f -exec md5sum {} + ) > "$stage/DEBIAN/md5sums"
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$(prop maintainer)|" \
    -e "s|@INSTALLED_SIZE@|$(du -sk --exclude=DEBIAN "$stage" | cut -f1)|" -e "s|@DEPENDS@|$depends|" \
    "$here/deb/control" > "$stage/DEBIAN/control"
chmod 644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"
chmod -R u+rwX,go+rX,go-w "$stage"

deb="$out/${name}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${HVX_DEB_COMPRESSION:-xz}" --build "$stage" "$deb" >/dev/null
rm -rf "$stage"
echo "deb: $deb ($(du -m "$deb" | cut -f1) MB); Depends: $depends"
