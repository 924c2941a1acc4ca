#!/usr/bin/env bash
# Checks the Linux packages as a new user would meet them (run by .ci/run; takes a few minutes):
#   1. builds them (installer/linux/build.sh; HVX_SKIP_BUILD=1 reuses the jars of `./mvnw verify`);
#   2. the .deb's contents: both launchers, /usr/bin/hvx, one desktop entry (the GUI's, valid),
#      the icons, the copyright file, the control fields, no maintainer scripts, no javafx.swing;
#   3. the app image: `hvx --version`, `hvx` alone prints the usage, the self-test command in a
#      temporary sandbox, the GUI launcher shows its first frame (--smoke-test, under xvfb-run
#      without a display) and exits 0; both launchers map their AOT cache;
#   4. the .deb unpacked by dpkg into an empty root (a system without desktop menu directories)
#      and removed again, leaving nothing;
#   5. as root: `dpkg -i` and `apt-get install ./….deb` on this machine, the installed `hvx` and GUI
#      run, `dpkg -V` is clean, and `dpkg -r` / `apt-get purge` leave nothing behind.
# Prints "check: ok …" per step and "check: FAILED …" (exit 1) at the first failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
name=hvsocket-explorer
out=target/installer

# The command that proves the CLI works end to end in a fresh sandbox: a loopback listener, connect,
# echo and throughput, with the data checked (exit 0 only when everything passed).
selftest=(selftest --json)

fail() { echo "check: FAILED: $*" >&2; exit 1; }
ok() { echo "check: ok: $*"; }
# short temporary paths: the sandbox's Unix socket paths are limited to 108 bytes
tmp="$(mktemp -d /tmp/hvxchk.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT

installer/linux/build.sh
deb="$(ls "$out"/${name}_*.deb)"
image="$out/$name"
version=$(sed -n 's/^version=//p' target/classes/hvx-version.properties)

# --- 2. the .deb's contents ------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{ print $6, $7, $8 }' | sed 's|^\./|/|; s| *$||' > "$tmp/contents"
for f in /opt/$name/bin/$name /opt/$name/bin/hvx /opt/$name/lib/app/hvx.jar \
         /opt/$name/lib/app/gui.aot /opt/$name/lib/app/hvx.aot /opt/$name/lib/runtime/bin/java \
         /usr/share/applications/io.hvx.HvSocketExplorer.desktop \
         /usr/share/icons/hicolor/256x256/apps/$name.png /usr/share/icons/hicolor/48x48/apps/$name.png \
         /usr/share/icons/hicolor/scalable/apps/$name.svg /usr/share/doc/$name/copyright; do
  grep -qx "$f" "$tmp/contents" || fail "$deb lacks $f"
done
grep -qx "/usr/bin/hvx -> /opt/$name/bin/hvx" "$tmp/contents" || fail "$deb lacks the link /usr/bin/hvx"
[ "$(grep -c '^/usr/share/applications/.*\.desktop$' "$tmp/contents")" = 1 ] \
  || fail "$deb has other desktop entries than the GUI's: $(grep '\.desktop$' "$tmp/contents" | paste -sd' ')"
ok "the .deb holds both launchers, /usr/bin/hvx, one desktop entry, the icons and the copyright file"

dpkg-deb -x "$deb" "$tmp/x"
desktop="$tmp/x/usr/share/applications/io.hvx.HvSocketExplorer.desktop"
grep -qx "Exec=/opt/$name/bin/$name" "$desktop" || fail "the desktop entry does not start the GUI launcher"
grep -qx "Icon=$name" "$desktop" || fail "the desktop entry does not name the icon $name"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the desktop entry"
  ok "the desktop entry starts the GUI launcher, names the icon and is valid (desktop-file-validate)"
else
  echo "check: note: desktop-file-validate is not installed (apt-get install desktop-file-utils); entry not validated"
fi
grep -q '^MODULES=.*javafx.controls' "$tmp/x/opt/$name/lib/runtime/release" || fail "the runtime lacks javafx.controls"
if grep -q 'javafx.swing' "$tmp/x/opt/$name/lib/runtime/release"; then fail "the runtime links javafx.swing"; fi
ok "the runtime has JavaFX and no javafx.swing: $(sed -n 's/^MODULES="\(.*\)"/\1/p' "$tmp/x/opt/$name/lib/runtime/release")"

dpkg-deb -f "$deb" > "$tmp/control"
grep -q "^Version: $version$" "$tmp/control" || fail "the package version is not $version"
grep -q '^Maintainer: .*<.*@.*>' "$tmp/control" || fail "no maintainer with an address"
if grep -qi '^Maintainer: .*unknown' "$tmp/control"; then fail "the maintainer is unknown"; fi
grep -Eq '^Depends:.*(^| )libgtk-3-0' "$tmp/control" || fail "Depends lacks libgtk-3-0: $(grep '^Depends' "$tmp/control")"
grep -q '^Depends:.*libc6' "$tmp/control" || fail "Depends lacks libc6"
if grep -q '^Depends:.*xdg-utils' "$tmp/control"; then fail "the package depends on xdg-utils"; fi
[ "$(sed -n '/^Description:/,$p' "$tmp/control" | wc -l)" -ge 4 ] || fail "the description has no long text"
dpkg-deb -e "$deb" "$tmp/ctl"
for script in preinst postinst prerm postrm; do
  [ ! -e "$tmp/ctl/$script" ] || fail "the package has a $script script"
done
ok "control: version $version, $(grep '^Maintainer' "$tmp/control"), Depends with libgtk-3-0, a description, no maintainer scripts"

# --- 3. the app image ------------------------------------------------------------------------
# run_cli DIR ARGS…: the CLI in its own sandbox and data directory; stdout in DIR/out, stderr in DIR/err
run_cli() {
  local dir="$1"
  shift
  mkdir -p "$dir"
  HVX_SANDBOX_DIR="$dir/sb" HVX_DATA_DIR="$dir/data" JAVA_TOOL_OPTIONS="-Xlog:aot*=info:file=$dir/aot.log" \
    "$@" >"$dir/out" 2>"$dir/err"
}
uses_aot() { grep -q 'Opened AOT cache .*\.aot' "$1/aot.log"; }
# run_gui DIR LAUNCHER: the GUI's --smoke-test under a display (xvfb-run when there is none)
run_gui() {
  local dir="$1" launcher="$2" x=()
  mkdir -p "$dir"
  if [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null 2>&1 || fail "no display and no xvfb-run (apt-get install xvfb)"
    x=(xvfb-run -a -s "-screen 0 1280x1024x24")
  fi
  HVX_DATA_DIR="$dir/data" JAVA_TOOL_OPTIONS="-Xlog:aot*=info:file=$dir/aot.log" \
    timeout 180 "${x[@]}" "$launcher" --smoke-test --sandbox-dir "$dir/sb" >"$dir/out" 2>"$dir/err" \
    || fail "$launcher --smoke-test failed: $(cat "$dir/out" "$dir/err")"
  grep -q '^smoke-test first-frame ' "$dir/out" || fail "$launcher showed no frame: $(cat "$dir/out" "$dir/err")"
}
# check_cli LABEL HVX: the console launcher's four behaviours
check_cli() {
  local label="$1" hvx="$2"
  local d="$tmp/$label"
  run_cli "$d/version" "$hvx" --version || fail "$hvx --version: $(cat "$d/version/err")"
  grep -q "^hvx $version " "$d/version/out" || fail "$hvx --version printed: $(cat "$d/version/out")"
  uses_aot "$d/version" || fail "$hvx did not map its AOT cache: $(grep -i -E 'error|warn|not the one' "$d/version/aot.log" | head -3)"
  run_cli "$d/usage" "$hvx" || fail "$hvx (no arguments) exited $?: $(cat "$d/usage/err")"
  grep -q '^Usage: hvx ' "$d/usage/out" || fail "$hvx with no arguments did not print the CLI usage: $(head -3 "$d/usage/out")"
  run_cli "$d/selftest" "$hvx" "${selftest[@]}" || fail "$hvx ${selftest[*]}: $(cat "$d/selftest/err")"
  [ "$(tr -d ' \n\r\t' < "$d/selftest/out" | cut -c1)" = "{" ] && [ "$(tr -d ' \n\r\t' < "$d/selftest/out" | rev | cut -c1)" = "}" ] \
    || fail "$hvx ${selftest[*]} printed no JSON object: $(cat "$d/selftest/out")"
  grep -q '"ok": *true' "$d/selftest/out" || fail "$hvx ${selftest[*]} did not pass: $(head -c 600 "$d/selftest/out")"
  ok "$label: $hvx --version, usage without arguments, '${selftest[*]}' (a JSON object), AOT cache mapped"
}
check_gui() {
  local label="$1" launcher="$2"
  local d="$tmp/$label/gui"
  run_gui "$d" "$launcher"
  uses_aot "$d" || fail "$launcher did not map its AOT cache"
  ok "$label: $launcher --smoke-test --sandbox-dir … showed the window ($(sed -n 's/^smoke-test //p' "$d/out" | paste -sd' ')), exit 0"
}
check_cli image "$image/bin/hvx"
check_gui image "$image/bin/$name"

# --- 4. unpacked by dpkg into an empty root: no menu directories, nothing but the package ----
inst="$tmp/root"
mkdir -p "$inst/var/lib/dpkg/updates" "$inst/var/lib/dpkg/info"
: > "$inst/var/lib/dpkg/status"
dpkg_root() { dpkg --instdir="$inst" --admindir="$inst/var/lib/dpkg" --force-not-root --force-depends "$@"; }
dpkg_root -i "$deb" >"$tmp/root.log" 2>&1 || fail "dpkg -i into an empty root: $(cat "$tmp/root.log")"
[ -x "$inst/opt/$name/bin/hvx" ] && [ -L "$inst/usr/bin/hvx" ] && [ -f "$inst/usr/share/applications/io.hvx.HvSocketExplorer.desktop" ] \
  || fail "dpkg -i into an empty root did not install the launchers and the desktop entry"
dpkg_root -r "$name" >>"$tmp/root.log" 2>&1 || fail "dpkg -r in the empty root: $(cat "$tmp/root.log")"
left="$(cd "$inst" && find . -path ./var -prune -o -print | grep -v '^\.$' || true)"
[ -z "$left" ] || fail "dpkg -r left files behind in the empty root: $left"
ok "dpkg -i into an empty root (no desktop menu directories) and dpkg -r leave nothing behind"

# --- 5. installed on this machine -------------------------------------------------------------
if [ "$(id -u)" != 0 ]; then
  echo "check: note: not root, so the .deb was not installed on this machine (CI runs this as root)"
  echo "check: done (without the system install)"
  exit 0
fi
owned_paths=(/opt/$name /usr/bin/hvx /usr/share/applications/io.hvx.HvSocketExplorer.desktop /usr/share/doc/$name)
# the caches dpkg's triggers rebuild (mimeinfo.cache, icon-theme.cache) belong to the system
snapshot() { find /opt /usr/bin /usr/share/applications /usr/share/icons/hicolor /usr/share/doc -maxdepth 4 ! -name '*.cache' 2>/dev/null | sort; }
# one install at a time on a shared machine (several checkouts may run their CI at once)
exec 9>/var/lock/hvsocket-explorer-check.lock
flock -w 900 9 || fail "another check holds /var/lock/hvsocket-explorer-check.lock"
if dpkg -s "$name" >/dev/null 2>&1; then
  fail "$name is installed on this machine already (remove it with 'dpkg -r $name', then check again)"
fi
snapshot > "$tmp/before"
assert_removed() {
  for p in "${owned_paths[@]}"; do
    [ ! -e "$p" ] && [ ! -L "$p" ] || fail "$1 left $p behind"
  done
  snapshot > "$tmp/after"
  diff -u "$tmp/before" "$tmp/after" >"$tmp/diff" || fail "$1 left changes behind: $(cat "$tmp/diff")"
}
check_installed() {
  [ "$(command -v hvx)" = /usr/bin/hvx ] || fail "hvx on PATH is $(command -v hvx || echo nothing), not /usr/bin/hvx"
  [ "$(readlink -f /usr/bin/hvx)" = "/opt/$name/bin/hvx" ] || fail "/usr/bin/hvx does not lead to the console launcher"
  check_cli "$1" hvx
  check_gui "$1" "/opt/$name/bin/$name"
  dpkg -V "$name" || fail "dpkg -V $name reports changed files"
}

DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1 || fail "dpkg -i: $(cat "$tmp/dpkg.log")"
check_installed dpkg-i
dpkg -r "$name" >>"$tmp/dpkg.log" 2>&1 || fail "dpkg -r: $(cat "$tmp/dpkg.log")"
assert_removed "dpkg -r"
ok "dpkg -i, the installed hvx (on PATH) and GUI, dpkg -V, dpkg -r leave nothing behind"

DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 "$(readlink -f "$deb")" >"$tmp/apt.log" 2>&1 \
  || fail "apt-get install ./$(basename "$deb"): $(tail -20 "$tmp/apt.log")"
check_installed apt-get
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q -o DPkg::Lock::Timeout=300 "$name" >>"$tmp/apt.log" 2>&1 \
  || fail "apt-get purge: $(tail -20 "$tmp/apt.log")"
assert_removed "apt-get purge"
ok "apt-get install ./$(basename "$deb"), the installed app, apt-get purge leaves nothing behind"
echo "check: done"
