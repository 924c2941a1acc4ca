# Sourced by installer/linux/build.sh and bench/run: finishing touches to a jpackage app image.
#
# sh_launcher: jpackage's native Linux launcher asks the package managers who owns it on every
# start (LinuxPackage.c, findOwnerOfFile: `rpm -qf`, `dpkg -S`, and `dpkg -L` once installed from a
# .deb), which costs a few hundred milliseconds per start on a Debian system; the launchers are
# therefore replaced by sh scripts that run the same java command line, written from the launcher's
# .cfg (class path, JVM options, main class).
#
# aot_train: trains the AOT cache of a launcher (JDK 25, JEP 483/514: classes loaded and linked
# ahead of time, so a start maps them instead).
#
# A cache only fits the class path and JVM options it was trained with, so the training run uses
# exactly the launcher's: its .cfg in lib/app gives the class path, the main class, the options and,
# in its -XX:AOTCache= option, where the cache goes; the app image's own runtime runs it. Training
# runs in throw-away sandbox and data directories.

# sh_launcher IMAGE LAUNCHER  — replaces bin/LAUNCHER by a script running what its .cfg says
sh_launcher() {
  local image="$1" launcher="$2"
  local cfg="$image/lib/app/$launcher.cfg"
  local cp="" main="" opts="" line value
  while IFS= read -r line; do
    value="${line#*=}"
    case "$value" in
      *[\"\`\\]*) echo "sh_launcher: cannot quote $line" >&2; return 1 ;;
    esac
    value="${value//\$APPDIR/\$\{app\}}"
    case "$value" in
      *'$'*) case "${value//\$\{app\}/}" in *'$'*) echo "sh_launcher: cannot quote $line" >&2; return 1 ;; esac ;;
    esac
    case "$line" in
      app.classpath=*) cp="${cp:+$cp:}$value" ;;
      app.mainclass=*) main="$value" ;;
      java-options=*) opts="$opts \"$value\"" ;;
    esac
  done < "$cfg"
  [ -n "$main" ] || { echo "sh_launcher: no main class in $cfg" >&2; return 1; }
  cat > "$image/bin/$launcher" <<SCRIPT
#!/bin/sh
# HvSocket Explorer's "$launcher" launcher, written by installer/linux/image.sh from lib/app/$launcher.cfg
# in place of jpackage's native launcher, which asks rpm and dpkg who owns it on every start.
# Started with stdin closed (<&-), the JVM's first opened file would become fd 0 and be read as input:
# make a closed stdin an empty one (where /proc says which fds are open; without /proc nothing changes).
[ -e /proc/self/fd/0 ] || [ ! -d /proc/self/fd ] || exec </dev/null
bin=\$(dirname "\$(readlink -f "\$0")")
root="\${bin%/bin}"
app="\$root/lib/app"
exec "\$root/lib/runtime/bin/java" -classpath "$cp"$opts "-Djpackage.app-path=\$bin/$launcher" $main "\$@"
SCRIPT
  chmod 755 "$image/bin/$launcher"
}

# aot_train IMAGE LAUNCHER ARGS…  — one training run of the launcher's main class with ARGS
aot_train() {
  local image="$1" launcher="$2"
  shift 2
  local app="$image/lib/app"
  local cfg="$app/$launcher.cfg"
  local cp="" main="" cache="" opts=() line value
  while IFS= read -r line; do
    value="${line#*=}"
    value="${value//\$APPDIR/$app}"
    case "$line" in
      app.classpath=*) cp="${cp:+$cp:}$value" ;;
      app.mainclass=*) main="$value" ;;
      java-options=-XX:AOTCache=*) cache="${value#-XX:AOTCache=}" ;;
      java-options=*) opts+=("$value") ;;
    esac
  done < "$cfg"
  [ -n "$main" ] && [ -n "$cache" ] || { echo "aot: no main class or no -XX:AOTCache option in $cfg" >&2; return 1; }
  local tmp
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/hvx-aot.XXXXXX")"
  # The one-step workflow (-XX:AOTCacheOutput) trains, then assembles the cache in a child JVM;
  # both print progress on stdout, which is of no interest here.
  if ! HVX_SANDBOX_DIR="$tmp/sb" HVX_DATA_DIR="$tmp/data" \
       "$image/lib/runtime/bin/java" "${opts[@]}" -XX:AOTCacheOutput="$cache" \
       -cp "$cp" "$main" "$@" >"$tmp/train.log" 2>&1 || [ ! -f "$cache" ]; then
    echo "aot: training $launcher failed:" >&2
    tail -n 20 "$tmp/train.log" >&2
    rm -rf "$tmp"
    return 1
  fi
  rm -rf "$tmp"
}

# aot_train_gui IMAGE LAUNCHER ARGS…  — aot_train for a GUI launcher: it needs a display, so
# without DISPLAY it runs under xvfb-run.
aot_train_gui() {
  if [ -n "${DISPLAY:-}" ]; then
    aot_train "$@"
  elif command -v xvfb-run >/dev/null 2>&1; then
    # xvfb-run starts a new shell: hand it this file and the function by name
    xvfb-run -a -s "-screen 0 1280x1024x24" bash -c '. "$0"; aot_train "$@"' "${BASH_SOURCE[0]}" "$@"
  else
    echo "aot: the GUI's training needs a display; install xvfb (apt-get install xvfb) or set DISPLAY" >&2
    return 1
  fi
}
