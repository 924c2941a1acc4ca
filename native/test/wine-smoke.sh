#!/bin/sh
# Runs the Windows build of hvecho under Wine against the Linux build, over
# loopback TCP (test-only address tcp:127.0.0.1:PORT, compiled in with
# -DHVECHO_TEST_TCP). Wine 8 has neither AF_UNIX nor AF_HYPERV, so this is the
# way to exercise the Winsock code path (send/recv loops, SD_SEND half-close,
# threads, semaphore, QueryPerformanceCounter, select()-based connect timeout,
# binary stdin/stdout) without Windows.
#
#   sh test/wine-smoke.sh build/hvecho-tcptest.exe build/hvecho-tcptest
#   (or: make wine-check)            needs wine64 (Debian package 'wine64')
#
# Only 127.0.0.1 is used. Prints 'N passed, N failed'.

EXE=${1:-build/hvecho-tcptest.exe}
LIN=${2:-build/hvecho-tcptest}
case $EXE in /*) ;; *) EXE=$(pwd)/$EXE ;; esac
case $LIN in /*) ;; *) LIN=$(pwd)/$LIN ;; esac
WINE=${WINE:-$(command -v wine64 || echo /usr/lib/wine/wine64)}
[ -x "$WINE" ] || { echo "skip - wine64 not installed"; echo "0 passed, 0 failed"; exit 0; }

T=$(mktemp -d "${TMPDIR:-/tmp}/hvecho-wine.XXXXXX")
export WINEPREFIX=$T/prefix WINEDEBUG=-all
PASS=0; FAIL=0; PIDS=""
BASE=$((20000 + $$ % 20000))

cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    WINEPREFIX=$T/prefix "$(dirname "$WINE")/wineserver64" -k 2>/dev/null || wineserver -k 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT INT TERM

ok()   { PASS=$((PASS + 1)); echo "ok   - $1"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL - $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }
win() { "$WINE" "$EXE" "$@"; }
hash_of() { sha256sum < "$1" | cut -d' ' -f1; }
size_of() { wc -c < "$1" | tr -d ' '; }
pattern_ok() {
    od -An -v -tu1 "$1" | awk '
        { for (k = 1; k <= NF; k++) { if ($k != (n * 31 + 7) % 256) { bad = 1; exit } n++ } }
        END { exit bad }'
}
# start NAME CMD... : background listener; waits for "listening on"
start() {
    LLOG=$T/$1.log; shift
    "$@" 2>"$LLOG" &
    LPID=$!; PIDS="$PIDS $LPID"
    i=0
    while [ $i -lt 600 ]; do
        grep -q 'listening on' "$LLOG" 2>/dev/null && return 0
        kill -0 "$LPID" 2>/dev/null || return 1
        sleep 0.05; i=$((i + 1))
    done
    return 1
}
stop() { kill "$LPID" 2>/dev/null; wait "$LPID" 2>/dev/null; }

echo "# wine: $WINE"
win --version >/dev/null 2>&1         # creates the prefix (slow the first time)
out=$(win --version 2>/dev/null | tr -d '\r')
check "windows build runs under wine ($out)" [ "$out" = "hvecho 1.0 (Windows)" ]
out=$(win parse hv:parent:vsock:5000 2>/dev/null | head -1 | tr -d '\r')
check "windows build: SOCKADDR_HV bytes == facts 1.3 vector" \
    [ "$out" = "hv family=34 protocol=1 len=36 bytes=22 00 00 00 da 7c 2e a4 3f d0 0c 48 9c c2 a4 de 20 ab b8 78 88 13 00 00 cb fa e6 11 bd 58 64 00 6a 79 86 d3" ]

head -c 5242880 /dev/urandom > $T/in.bin

P=$BASE
start echo win listen tcp:127.0.0.1:$P --echo || fail "windows echo listener starts"
"$LIN" connect tcp:127.0.0.1:$P < $T/in.bin > $T/o1.bin
check "windows echo server <- linux client: 5 MiB sha256 equal" [ "$(hash_of $T/in.bin)" = "$(hash_of $T/o1.bin)" ]
win connect tcp:127.0.0.1:$P < $T/in.bin > $T/o2.bin
check "windows echo server <- windows client (binary stdio, SD_SEND): sha256 equal" \
    [ "$(hash_of $T/in.bin)" = "$(hash_of $T/o2.bin)" ]
win bench tcp:127.0.0.1:$P --rtt --count 300 > $T/rtt.out 2>$T/rtt.err
tr -d '\r' < $T/rtt.out > $T/rtt.txt; sed 's/^/       /' $T/rtt.txt
check "windows bench --rtt (QueryPerformanceCounter) prints RESULT" \
    grep -Eq '^RESULT rtt_us p50=[0-9.]+ p99=[0-9.]+ min=[0-9.]+ max=[0-9.]+ n=300$' $T/rtt.txt
stop

P=$((BASE + 1))
start sink win listen tcp:127.0.0.1:$P --sink || fail "windows sink listener starts"
"$LIN" connect tcp:127.0.0.1:$P < $T/in.bin > /dev/null
win bench tcp:127.0.0.1:$P --throughput --seconds 1 > $T/tp.out 2>$T/tp.err
tr -d '\r' < $T/tp.out > $T/tp.txt; sed 's/^/       /' $T/tp.txt
sleep 0.5
check "windows sink counted 5242880 bytes" grep -q 'received 5242880 bytes' $LLOG
check "windows bench --throughput prints RESULT" grep -Eq '^RESULT throughput_bytes_per_sec [0-9]+$' $T/tp.txt
stop

P=$((BASE + 2))
start source win listen tcp:127.0.0.1:$P --source --bytes 1M --max-connections 1 || fail "windows source listener starts"
"$LIN" connect tcp:127.0.0.1:$P < /dev/null > $T/s1.bin
check "windows source -> linux client: 1048576 bytes of pattern" [ "$(size_of $T/s1.bin)" = 1048576 ]
check "... pattern ok" pattern_ok $T/s1.bin
win connect tcp:127.0.0.1:$P < /dev/null > $T/s2.bin
check "windows source -> windows client: 1048576 bytes of pattern" [ "$(size_of $T/s2.bin)" = 1048576 ]
check "... pattern ok" pattern_ok $T/s2.bin
stop

P=$((BASE + 3))
start lecho "$LIN" listen tcp:127.0.0.1:$P --echo --once || fail "linux echo listener starts"
printf 'ping' | win connect tcp:127.0.0.1:$P --timeout 5000 > $T/p.out
check "windows client with --timeout (select connect) -> linux echo" [ "$(cat $T/p.out)" = ping ]
wait "$LPID"; check "linux --once listener exited 0" [ $? -eq 0 ]

P=$((BASE + 4))   # nobody listens here
win connect tcp:127.0.0.1:$P --timeout 3000 < /dev/null 2>$T/err.txt
rc=$?
tr -d '\r' < $T/err.txt | sed 's/^/       /'
check "windows connect --timeout to a closed port exits 1" [ $rc -eq 1 ]
grep -q 'connect tcp:127.0.0.1' $T/err.txt; check "... with a one-line reason" [ $? -eq 0 ]

echo
echo "$PASS passed, $FAIL failed"
[ $FAIL -eq 0 ]
