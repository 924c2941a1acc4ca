#!/usr/bin/env bash
# Builds the Linux packages of HvSocket Explorer:
#   target/installer/hvsocket-explorer/          app image (GUI launcher + `hvx` CLI launcher)
#   target/installer/hvsocket-explorer_*.deb     Debian package (needs fakeroot and dpkg-deb)
# The runtime is a jlink image of the JDK modules we use plus the JavaFX modules taken from the
# OS-classified JavaFX jars in target/lib (they are real modules with their natives inside).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. .mvn/select-jdk.sh
bin="${JAVA_HOME:?JDK 25 needed}/bin"

./mvnw -q -B package -DskipTests -Dmaven.test.skip=true
version=$(sed -n 's/^version=//p' target/classes/hvx-version.properties)
out=target/installer
rm -rf "$out"
mkdir -p "$out/input"

fx=""
for f in target/lib/javafx-*-linux.jar; do fx="${fx:+$fx:}$f"; done
cp target/hvx.jar "$out/input/"
for f in target/lib/*.jar; do
  case "$f" in */javafx-*) ;; *) cp "$f" "$out/input/" ;; esac
done

echo "installer: linking runtime"
"$bin/jlink" --module-path "$fx" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.xml,jdk.unsupported,jdk.crypto.ec,javafx.controls,javafx.swing \
  --strip-debug --no-header-files --no-man-pages --output "$out/runtime"

mapfile -t jopts < installer/jvm-options.txt
java_opts=()
for o in "${jopts[@]}"; do java_opts+=(--java-options "$o"); done

cat > "$out/hvx.properties" <<PROPS
main-class=io.hvx.Launcher
description=HvSocket Explorer command line
java-options=${jopts[*]}
PROPS

echo "installer: app image"
"$bin/jpackage" --type app-image --name hvsocket-explorer --app-version "$version" \
  --vendor "HvSocket Explorer" --description "Explore, register, connect to and measure Hyper-V socket services" \
  --input "$out/input" --main-jar hvx.jar --main-class io.hvx.Launcher --arguments gui \
  --runtime-image "$out/runtime" "${java_opts[@]}" \
  --add-launcher hvx="$out/hvx.properties" \
  --dest "$out"

if command -v fakeroot >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1; then
  echo "installer: .deb"
  "$bin/jpackage" --type deb --app-image "$out/hvsocket-explorer" --name hvsocket-explorer \
    --app-version "$version" --vendor "HvSocket Explorer" \
    --linux-menu-group Development --linux-shortcut --linux-app-category devel \
    --dest "$out"
else
  echo "installer: skipping .deb (install fakeroot and dpkg-deb)" >&2
fi
ls -la "$out"
