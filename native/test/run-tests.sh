#!/bin/sh
# hvecho tests on Linux: AF_UNIX end to end, AF_VSOCK bind/listen only.
#
#   sh test/run-tests.sh [path/to/hvecho]      (default: build/hvecho)
#
# Needs: sh, coreutils (head, sha256sum, wc, od), awk.  Uses only AF_UNIX
# sockets in a private temp dir.  The AF_VSOCK test only binds and listens on
# vsock:any:PORT (PORT from $HVECHO_TEST_VSOCK_PORT, default 5000) and NEVER
# connects a vsock socket anywhere.  Prints 'N passed, N failed' at the end;
# exit status 1 if anything failed.

HVECHO=${1:-build/hvecho}
case $HVECHO in /*) ;; *) HVECHO=$(pwd)/$HVECHO ;; esac
[ -x "$HVECHO" ] || { echo "hvecho binary not found: $HVECHO" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/hvecho-test.XXXXXX")
PASS=0
FAIL=0
PIDS=""

cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT INT TERM

ok()   { PASS=$((PASS + 1)); echo "ok   - $1"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL - $1"; [ -n "$2" ] && echo "       $2"; }
check() { # check NAME CONDITION-COMMAND...
    name=$1; shift
    if "$@"; then ok "$name"; else fail "$name"; fi
}

# start_listener NAME ARGS... : starts hvecho listen in the background, waits
# for its "listening on" line; sets LPID and LLOG.
start_listener() {
    LLOG=$T/$1.log; shift
    "$HVECHO" listen "$@" 2>"$LLOG" &
    LPID=$!
    PIDS="$PIDS $LPID"
    i=0
    while [ $i -lt 100 ]; do
        grep -q 'listening on' "$LLOG" 2>/dev/null && return 0
        kill -0 "$LPID" 2>/dev/null || return 1
        sleep 0.05; i=$((i + 1))
    done
    return 1
}

stop_listener() { # stop_listener SIGNAL -> sets LRC
    kill -"$1" "$LPID" 2>/dev/null
    wait "$LPID"; LRC=$?
    PIDS=$(echo "$PIDS" | sed "s/ $LPID\$//; s/ $LPID / /")
}

# pattern_ok FILE: byte i == (i*31 + 7) & 0xff for every byte
pattern_ok() {
    od -An -v -tu1 "$1" | awk '
        { for (k = 1; k <= NF; k++) { if ($k != (n * 31 + 7) % 256) { bad = 1; print "pattern mismatch at byte " n > "/dev/stderr"; exit } n++ } }
        END { exit bad }'
}

hash_of() { sha256sum < "$1" | cut -d' ' -f1; }
size_of() { wc -c < "$1" | tr -d ' '; }

S=$T/s.sock
echo "# hvecho: $HVECHO"
echo "# temp dir: $T"

# ---------------------------------------------------------------- parse ---
out=$("$HVECHO" parse hv:parent:vsock:5000 | head -1)
check "parse hv:parent:vsock:5000 == facts 1.3 vector" \
    [ "$out" = "hv family=34 protocol=1 len=36 bytes=22 00 00 00 da 7c 2e a4 3f d0 0c 48 9c c2 a4 de 20 ab b8 78 88 13 00 00 cb fa e6 11 bd 58 64 00 6a 79 86 d3" ]
out=$("$HVECHO" parse hv:loopback:00000000-facb-11e6-bd58-64006a7986d3 | head -1)
check "parse HV_GUID_LOOPBACK + VSOCK template GUIDs" \
    [ "$out" = "hv family=34 protocol=1 len=36 bytes=22 00 00 00 97 61 e1 e0 56 dd 10 4a 91 95 5e e7 a1 55 a8 38 00 00 00 00 cb fa e6 11 bd 58 64 00 6a 79 86 d3" ]
out=$("$HVECHO" parse 'hv:{E0E16197-DD56-4A10-9195-5EE7A155A838}:vsock:0' | head -1)
check "parse braces / upper-case GUID" \
    [ "$out" = "hv family=34 protocol=1 len=36 bytes=22 00 00 00 97 61 e1 e0 56 dd 10 4a 91 95 5e e7 a1 55 a8 38 00 00 00 00 cb fa e6 11 bd 58 64 00 6a 79 86 d3" ]
out=$("$HVECHO" parse vsock:host:5000)
check "parse vsock:host:5000 == facts 2.2 vector" \
    [ "$out" = "vsock family=40 protocol=0 len=16 bytes=28 00 00 00 88 13 00 00 02 00 00 00 00 00 00 00" ]
out=$("$HVECHO" parse vsock:any:5000)
check "parse vsock:any:5000 (CID 0xffffffff)" \
    [ "$out" = "vsock family=40 protocol=0 len=16 bytes=28 00 00 00 88 13 00 00 ff ff ff ff 00 00 00 00" ]

# ---------------------------------------------------------------- usage ---
"$HVECHO" --help >/dev/null; check "--help exits 0" [ $? -eq 0 ]
"$HVECHO" --help | grep -q 'hvecho listen ADDR'; check "--help prints usage on stdout" [ $? -eq 0 ]
"$HVECHO" 2>/dev/null; check "no arguments exits 2" [ $? -eq 2 ]
"$HVECHO" listen unix:$S 2>/dev/null; check "listen without a mode exits 2" [ $? -eq 2 ]
"$HVECHO" listen unix:$S --echo --sink 2>/dev/null; check "two modes exit 2" [ $? -eq 2 ]
"$HVECHO" bench unix:$S --rtt --chunk 4 2>/dev/null; check "bench --rtt --chunk exits 2" [ $? -eq 2 ]
"$HVECHO" connect bogus:addr 2>/dev/null; check "unknown address exits 2" [ $? -eq 2 ]
"$HVECHO" connect hv:parent:vsock:2147483648 2>/dev/null; check "hv vsock port > 0x7fffffff exits 2" [ $? -eq 2 ]
"$HVECHO" connect hv:parent:vsock:5000 2>/dev/null; check "hv: address on Linux exits 2" [ $? -eq 2 ]
"$HVECHO" connect hv:parent:vsock:5000 --timeout 300001 2>/dev/null; check "hv --timeout > 300000 exits 2" [ $? -eq 2 ]

# ----------------------------------------------------- connect errors ---
"$HVECHO" connect unix:$T/nobody.sock </dev/null 2>$T/err.txt
rc=$?
check "connect to a missing path exits 1" [ $rc -eq 1 ]
check "... and names the cause" grep -q "connect unix:$T/nobody.sock: No such file or directory (nobody is listening at this path)" $T/err.txt
"$HVECHO" connect unix:$T/nobody.sock --timeout 500 </dev/null 2>$T/err.txt
check "connect --timeout to a missing path exits 1 at once" [ $? -eq 1 ]

# ----------------------------------------------------------------- echo ---
if start_listener echo unix:$S --echo; then ok "echo listener starts"; else fail "echo listener starts" "$(cat $LLOG)"; fi
head -c 10485760 /dev/urandom > $T/in.bin
"$HVECHO" connect unix:$S < $T/in.bin > $T/out.bin
rc=$?
check "echo 10 MiB: connect exits 0" [ $rc -eq 0 ]
check "echo 10 MiB: sha256 equal" [ "$(hash_of $T/in.bin)" = "$(hash_of $T/out.bin)" ]
# 4 parallel clients
for k in 1 2 3 4; do
    head -c 1048576 /dev/urandom > $T/p$k.in
    "$HVECHO" connect unix:$S < $T/p$k.in > $T/p$k.out &
    eval "CP$k=\$!"
done
allok=1
for k in 1 2 3 4; do
    eval "wait \$CP$k" || allok=0
    [ "$(hash_of $T/p$k.in)" = "$(hash_of $T/p$k.out)" ] || allok=0
done
check "echo: 4 parallel clients, all round trips intact" [ $allok -eq 1 ]
"$HVECHO" connect unix:$S --timeout 2000 < /dev/null > $T/empty.out
check "connect --timeout + empty stdin exits 0 with no output" [ $? -eq 0 -a "$(size_of $T/empty.out)" = 0 ]
"$HVECHO" connect unix:$S < $T/in.bin | head -c 1000 > /dev/null
check "connect exits 0 when stdout is closed early (| head)" [ $? -eq 0 ]

# another listener on the same live path must refuse
"$HVECHO" listen unix:$S --sink 2>$T/err.txt
rc=$?
check "second listener on a live path exits 1" [ $rc -eq 1 ]
check "... saying someone listens there" grep -q "another server is already listening" $T/err.txt
check "... and leaves the live socket alone" [ -S $S ]

stop_listener TERM
check "SIGTERM: listener exits 0" [ $LRC -eq 0 ]
check "SIGTERM: socket file removed" [ ! -e $S ]

# ------------------------------------------------------------- --once ---
start_listener once unix:$S --echo --once || fail "once listener starts" "$(cat $LLOG)"
printf 'hello\n' | "$HVECHO" connect unix:$S > $T/once.out
wait "$LPID"; LRC=$?
PIDS=$(echo "$PIDS" | sed "s/ $LPID\$//")
check "--once: reply correct" [ "$(cat $T/once.out)" = hello ]
check "--once: listener exits 0 after one connection" [ $LRC -eq 0 ]
check "--once: socket file removed" [ ! -e $S ]

# ----------------------------------------------------------------- sink ---
start_listener sink unix:$S --sink || fail "sink listener starts" "$(cat $LLOG)"
head -c 1234567 /dev/urandom | "$HVECHO" connect unix:$S > $T/sink.out
rc1=$?
"$HVECHO" connect unix:$S < /dev/null > /dev/null
"$HVECHO" connect unix:$S < $T/in.bin > /dev/null
sleep 0.2
stop_listener INT
check "sink: client exits 0 with no output" [ $rc1 -eq 0 -a "$(size_of $T/sink.out)" = 0 ]
check "sink: counted 1234567 bytes" grep -q "done (sink): received 1234567 bytes" $LLOG
check "sink: counted 0 bytes" grep -q "done (sink): received 0 bytes" $LLOG
check "sink: counted 10485760 bytes" grep -q "done (sink): received 10485760 bytes" $LLOG
check "SIGINT: listener exits 0 and removes the socket" [ $LRC -eq 0 -a ! -e $S ]

# --------------------------------------------------------------- source ---
start_listener source unix:$S --source --bytes 1M || fail "source listener starts" "$(cat $LLOG)"
"$HVECHO" connect unix:$S < /dev/null > $T/src.bin
check "source --bytes 1M: client exits 0" [ $? -eq 0 ]
check "source --bytes 1M: got exactly 1048576 bytes" [ "$(size_of $T/src.bin)" = 1048576 ]
check "source --bytes 1M: byte i == (i*31+7)&0xff" pattern_ok $T/src.bin
stop_listener TERM

start_listener source2 unix:$S --source || fail "unbounded source listener starts" "$(cat $LLOG)"
"$HVECHO" connect unix:$S < /dev/null | head -c 300001 > $T/src2.bin
check "unbounded source | head: 300001 bytes of pattern" [ "$(size_of $T/src2.bin)" = 300001 ]
check "unbounded source: pattern ok" pattern_ok $T/src2.bin
sleep 0.3
check "unbounded source: server saw the peer close" grep -q "done (source): sent .* (peer closed)" $LLOG
stop_listener TERM

# ---------------------------------------------------- --max-connections ---
start_listener maxc unix:$S --echo --max-connections 1 || fail "max-connections listener starts" "$(cat $LLOG)"
(printf 'A'; sleep 1.5) | "$HVECHO" connect unix:$S > $T/a.out &
APID=$!
sleep 0.3
t0=$(date +%s.%N)
printf 'B' | "$HVECHO" connect unix:$S > $T/b.out
t1=$(date +%s.%N)
wait $APID
waited=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a >= 0.9) ? 1 : 0 }')
check "--max-connections 1: second client waits for the first" [ "$waited" = 1 -a "$(cat $T/b.out)" = B -a "$(cat $T/a.out)" = A ]
stop_listener TERM

# ---------------------------------------------------------- stale files ---
start_listener stale unix:$S --echo || fail "listener for stale test starts" "$(cat $LLOG)"
stop_listener KILL                              # leaves the socket file behind
check "SIGKILL leaves a stale socket file" [ -S $S ]
"$HVECHO" connect unix:$S < /dev/null 2>$T/err.txt
rc=$?
check "connect to a stale socket exits 1" [ $rc -eq 1 ]
grep -q "nobody is listening on it: a stale socket file" $T/err.txt; check "... message names a stale socket" [ $? -eq 0 ]
start_listener stale2 unix:$S --echo || fail "listener over a stale socket starts" "$(cat $LLOG)"
check "listen removes the stale socket file first" grep -q "removed stale socket file" $LLOG
printf 'x' | "$HVECHO" connect unix:$S > $T/x.out
check "... and serves" [ "$(cat $T/x.out)" = x ]
stop_listener TERM

echo "not a socket" > $T/regular
"$HVECHO" listen unix:$T/regular --echo 2>$T/err.txt
rc=$?
check "listen on a regular file exits 1" [ $rc -eq 1 ]
check "... and does not delete it" [ "$(cat $T/regular)" = "not a socket" ]
grep -q "exists and is not a socket" $T/err.txt; check "... saying why" [ $? -eq 0 ]

# ---------------------------------------------------------------- bench ---
start_listener bsink unix:$S --sink || fail "bench sink starts" "$(cat $LLOG)"
"$HVECHO" bench unix:$S --throughput --chunk 64K --seconds 1 > $T/tp.out 2>$T/tp.err
rc=$?
cat $T/tp.out $T/tp.err | sed 's/^/       /'
check "bench --throughput exits 0" [ $rc -eq 0 ]
check "bench --throughput prints the RESULT line" grep -Eq '^RESULT throughput_bytes_per_sec [0-9]+$' $T/tp.out
"$HVECHO" bench unix:$S --throughput --upload --chunk 1000 --seconds 1 > $T/up.out 2>$T/up.err
rc=$?
check "bench --throughput --upload to a --sink: the sink checks every byte and says intact (exit 0)" [ $rc -eq 0 ]
check "... and prints the RESULT line" grep -Eq '^RESULT throughput_bytes_per_sec [0-9]+$' $T/up.out
printf 'hello\n' | "$HVECHO" connect unix:$S > $T/plain.out
check "a plain client of the sink is still a plain client" [ $? -eq 0 ]
stop_listener TERM

start_listener bsrc unix:$S --source || fail "source for the upload test starts" "$(cat $LLOG)"
"$HVECHO" bench unix:$S --throughput --upload --seconds 1 > /dev/null 2>$T/err.txt
check "bench --throughput --upload to a --source peer fails (exit 1)" [ $? -eq 1 ]
grep -q "did not accept the test header" $T/err.txt; check "... saying the peer does not speak the header" [ $? -eq 0 ]
stop_listener TERM

start_listener becho unix:$S --echo || fail "bench echo starts" "$(cat $LLOG)"
"$HVECHO" bench unix:$S --rtt --size 64 --count 2000 > $T/rtt.out 2>$T/rtt.err
rc=$?
cat $T/rtt.out $T/rtt.err | sed 's/^/       /'
check "bench --rtt exits 0" [ $rc -eq 0 ]
check "bench --rtt prints the RESULT line" \
    grep -Eq '^RESULT rtt_us p50=[0-9.]+ p99=[0-9.]+ min=[0-9.]+ max=[0-9.]+ n=2000$' $T/rtt.out
"$HVECHO" bench unix:$S --throughput --upload --seconds 1 > /dev/null 2>$T/up.err
check "bench --throughput --upload to an --echo peer works too (exit 0)" [ $? -eq 0 ]
printf '\376Hx\n' | "$HVECHO" connect unix:$S > $T/fe.out
check "the echo sends back data that starts like the header but is not one" [ "$(od -An -tx1 $T/fe.out | tr -d ' \n')" = fe48780a ]
stop_listener TERM

start_listener bsrc unix:$S --source || fail "source for rtt-mismatch test starts" "$(cat $LLOG)"
"$HVECHO" bench unix:$S --rtt --count 10 > /dev/null 2>$T/err.txt
rc=$?
check "bench --rtt against a --source peer fails (exit 1) with a mismatch message" [ $rc -eq 1 ]
grep -q "echo mismatch" $T/err.txt; check "... message says echo mismatch" [ $? -eq 0 ]
stop_listener TERM

# --------------------------------------------------- AF_VSOCK bind only ---
# Never connects: only checks that bind()+listen() on vsock:any:PORT work.
if [ -e /dev/vsock ]; then
    VP=${HVECHO_TEST_VSOCK_PORT:-5000}
    if start_listener vsock vsock:any:$VP --echo; then
        ok "vsock:any:$VP listener binds and listens ($(grep 'listening on' $LLOG))"
        stop_listener TERM
        check "vsock listener exits 0 on SIGTERM" [ $LRC -eq 0 ]
    else
        fail "vsock:any:$VP listener binds and listens" "$(cat $LLOG)"
    fi
else
    echo "skip - AF_VSOCK listen test (no /dev/vsock)"
fi

echo
echo "$PASS passed, $FAIL failed"
[ $FAIL -eq 0 ]
