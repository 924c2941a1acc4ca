#!/usr/bin/env bash
# Builds the Linux packages of HvSocket Explorer (the Cryptomator-style pipeline: jlink → app image
# → package, every step a plain command):
#   target/installer/runtime/                    the Java runtime (jlink, the modules in installer/runtime-modules.txt)
#   target/installer/hvsocket-explorer/          the app image (jpackage): bin/hvsocket-explorer (the GUI),
#                                                bin/hvx (the CLI), lib/app (jars, launcher configs, AOT caches);
#                                                the launchers are sh scripts (installer/linux/image.sh)
#   target/installer/hvsocket-explorer_<version>_<arch>.deb
# Needs JDK 25, dpkg-deb, and for the GUI's AOT training a display or xvfb-run (apt-get install xvfb).
# HVX_SKIP_BUILD=1 reuses target/hvx.jar and target/lib (after `./mvnw verify`).
set -euo pipefail
trap 'echo "installer: failed (line $LINENO)" >&2' ERR
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. .mvn/select-jdk.sh
. installer/linux/image.sh
bin="${JAVA_HOME:?JDK 25 needed}/bin"
name=hvsocket-explorer
prop() { sed -n "s/^$1=//p" installer/package.properties; }

[ "${HVX_SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -B package -DskipTests -Dmaven.test.skip=true
version=$(sed -n 's/^version=//p' target/classes/hvx-version.properties)
out=target/installer
rm -rf "$out"
mkdir -p "$out/input"

# The app's jars (JavaFX goes into the runtime instead).
cp target/hvx.jar "$out/input/"
for f in target/lib/*.jar; do
  case "$f" in */javafx-*) ;; *) cp "$f" "$out/input/" ;; esac
done
# picocli's Java 5 class files cannot go into an AOT cache as they are (see the program)
"$bin/java" installer/UpgradeClassFiles.java "$out"/input/*.jar

# The runtime. The JavaFX jars are modules with their native libraries inside as resources; left
# there, JavaFX would copy them to ~/.openjfx/cache on the first start. They go into the runtime's
# lib/ instead, where JavaFX finds them without writing anything.
echo "installer: linking the runtime"
fx=""
for f in target/lib/javafx-*-linux.jar; do fx="${fx:+$fx:}$f"; done
modules=$(grep -v '^#' installer/runtime-modules.txt | paste -sd, -)
"$bin/jlink" --module-path "$fx" --add-modules "$modules" --include-locales=en,zh \
  --exclude-resources='/javafx.graphics/lib*.so' \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$out/runtime"
# the default CDS archive stays (it serves a start whose AOT cache does not fit); its twin for heaps
# over 32 GB (no compressed oops) is of no use to this app
rm -f "$out/runtime/lib/server/classes_nocoops.jsa"
fxg="$(ls target/lib/javafx-graphics-*-linux.jar)"
(cd "$out/runtime/lib" && "$bin/jar" tf "$root/$fxg" | grep '^lib.*\.so$' | xargs "$bin/jar" xf "$root/$fxg")
echo "installer: runtime $(du -sm "$out/runtime" | cut -f1) MB: $("$out/runtime/bin/java" --list-modules | sed 's/@.*//' | paste -sd' ' -)"

# Two launchers, each with exactly its own settings (jpackage's --add-launcher properties are added to
# or replace the main launcher's, so nothing is left to inherit by accident):
#   hvsocket-explorer  the GUI (io.hvx.GuiMain opens the window whatever arguments it gets)
#   hvx                the CLI (io.hvx.Launcher; no arguments prints the usage), no menu entry
mapfile -t jopts < <(grep -v '^#' installer/jvm-options.txt | sed '/^$/d')
java_opts=()
for o in "${jopts[@]}"; do java_opts+=(--java-options "$o"); done
cat > "$out/hvx.properties" <<PROPS
main-class=io.hvx.Launcher
description=HvSocket Explorer command line
java-options=${jopts[*]} -XX:AOTCache=\$APPDIR/hvx.aot
linux-shortcut=false
PROPS

echo "installer: app image"
"$bin/jpackage" --type app-image --name "$name" --app-version "$version" \
  --vendor "$(prop vendor)" --copyright "$(prop copyright)" --description "$(prop description)" \
  --input "$out/input" --main-jar hvx.jar --main-class io.hvx.GuiMain \
  --runtime-image "$out/runtime" "${java_opts[@]}" --java-options "-XX:AOTCache=\$APPDIR/gui.aot" \
  --icon resources/icons/hvsocket-explorer-256.png \
  --add-launcher hvx="$out/hvx.properties" \
  --dest "$out"
image="$out/$name"
# sh scripts in place of jpackage's native launchers (see installer/linux/image.sh)
sh_launcher "$image" "$name"
sh_launcher "$image" hvx
rm -f "$image/lib/libapplauncher.so"

# AOT caches (JDK 25, JEP 483/514): one training run per launcher, in throw-away directories.
echo "installer: AOT caches"
aot_train "$image" hvx guid vsock:5000 --json
aot_train_gui "$image" "$name" --smoke-test
du -sm "$image"/lib/app/*.aot | sed 's/^/installer: AOT cache (MB) /'

echo "installer: .deb"
installer/linux/deb.sh "$image" "$version" "$out"
ls -la "$out"
