# Sourced by ./mvnw, ./hvx and .ci/run (POSIX sh). HvSocket Explorer needs JDK 25: keep
# JAVA_HOME when it already points at 25 or newer, else take the default java when it is new
# enough, else look for a JDK 25 in the usual places (Temurin lives in /usr/lib/jvm on Debian).
hvx_java_major() {
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}
hvx_java_ok() {
  [ -x "$1/bin/java" ] || return 1
  # the image's release file answers without starting a JVM (every ./hvx run sources this file)
  _v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)
  [ -n "$_v" ] || _v=$(hvx_java_major "$1/bin/java")
  [ -n "$_v" ] && [ "$_v" -ge 25 ]
}
if [ -n "${JAVA_HOME:-}" ] && hvx_java_ok "$JAVA_HOME"; then
  :
else
  _found=""
  if command -v java >/dev/null 2>&1; then
    _home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if hvx_java_ok "$_home"; then _found="$_home"; fi
  fi
  if [ -z "$_found" ]; then
    for _d in /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* /usr/lib/jvm/*-25-* /opt/java/jdk-25* /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
      if hvx_java_ok "$_d"; then _found="$_d"; break; fi
    done
  fi
  if [ -n "$_found" ]; then
    JAVA_HOME="$_found"
    export JAVA_HOME
  else
    echo "hvx: no JDK 25 found. Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
  fi
fi
