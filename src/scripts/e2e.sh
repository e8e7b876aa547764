#!/usr/bin/env bash
# End-to-end checks through the real launcher, as a user would run it:
#   generate -> import -> replay twice (same digest, same bars), CSV contracts, the bundled
#   sample against its expected outputs, verify (the oracle), bench on a small day, bad input exit
#   codes, and the demo.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TJ="$ROOT/bin/tickjournal"
PY=/usr/bin/python3 # the Debian interpreter (the default python3 on PATH is another)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tickjournal-e2e.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
passed=0; failed=0

check() { # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
digest_of() { awk '/^digest/ {print $2}' "$1"; }

# 1. generated day: import, replay twice, identical digests and bars
"$TJ" generate --out "$WORK/day.itch" --symbols 40 --messages 60000 --seed 11 >/dev/null
"$TJ" import --itch "$WORK/day.itch" --journal "$WORK/journal" >"$WORK/import.out" 2>&1
check "import of a generated day exits 0" test $? -eq 0
"$TJ" replay --journal "$WORK/journal" --state "$WORK/state1" >"$WORK/replay1.out" 2>/dev/null
"$TJ" bars --state "$WORK/state1" --format csv >"$WORK/bars1.csv"
"$TJ" replay --journal "$WORK/journal" --state "$WORK/state2" >"$WORK/replay2.out" 2>/dev/null
"$TJ" bars --state "$WORK/state2" --format csv >"$WORK/bars2.csv"
check "two replays give the same digest" test "$(digest_of "$WORK/replay1.out")" = "$(digest_of "$WORK/replay2.out")"
check "two replays give the same bars" cmp -s "$WORK/bars1.csv" "$WORK/bars2.csv"
check "replay found bars" test "$(wc -l <"$WORK/bars1.csv")" -gt 10
check "bars CSV header is the contract" test "$(head -1 "$WORK/bars1.csv")" = "symbol,window_start_ns,trades,volume,notional,vwap,open,high,low,close"
"$TJ" vwap --state "$WORK/state1" --format csv >"$WORK/vwap.csv"
check "vwap CSV header is the contract" test "$(head -1 "$WORK/vwap.csv")" = "symbol,locate,trades,volume,notional,vwap,last_price,bid_price,bid_size,ask_price,ask_size"
check "vwap CSV has one row per symbol" test "$(($(wc -l <"$WORK/vwap.csv") - 1))" -eq 40

# 1b. replay controls: shards give the same digest; latency log and baseline; a stopped replay
"$TJ" replay --journal "$WORK/journal" --state "$WORK/state-sharded" --shards 2 >"$WORK/sharded.out" 2>/dev/null
check "two shards give the one-shard digest" test "$(digest_of "$WORK/sharded.out")" = "$(digest_of "$WORK/replay1.out")"
"$TJ" replay --journal "$WORK/journal" --state "$WORK/state-lat" --latency --histogram "$WORK/replay.hlog" \
  --summary-json "$WORK/summary.json" >"$WORK/lat.out" 2>/dev/null
check "latency: histogram log written with tagged intervals" grep -q "Tag=book" "$WORK/replay.hlog"
"$TJ" replay --journal "$WORK/journal" --state "$WORK/state-base" --baseline "$WORK/summary.json" \
  --regression-factor 50 >"$WORK/base.out" 2>/dev/null; rc=$?
check "latency: no regression against its own summary (factor 50)" test $rc -eq 0 -a -n "$(grep 'no regression' "$WORK/base.out")"
"$TJ" replay --journal "$WORK/journal" --state "$WORK/state-stop" --pace realtime --shards 2 >"$WORK/stop.out" 2>"$WORK/stop.err" &
pid=$!
for _ in $(seq 1 600); do grep -qE "replay: [1-9][0-9,]* " "$WORK/stop.err" && break; sleep 0.1; done
kill -TERM "$pid"; wait "$pid"; rc=$?
check "stopped replay (SIGTERM): exit 143, state marked incomplete" test $rc -eq 143 -a -n "$(grep 'complete=false' "$WORK/state-stop/state.properties" 2>/dev/null)"
"$TJ" vwap --state "$WORK/state-stop" --format csv >/dev/null 2>&1
check "stopped replay: the state is readable" test $? -eq 0

# 1c. bench on a small day: import against its floor, one- and two-shard replays (same digest, or it
# fails), the replay threads' CPU and the shard fit, and the JSON
"$TJ" bench --dir "$WORK/bench" --messages 100000 --symbols 40 --runs 2 --stages import,replay \
  --out "$WORK/bench.json" >"$WORK/bench.out" 2>&1
rc=$?
check "bench (import, replay; 100,000 messages): exit 0" test $rc -eq 0
check "bench: replay rates and both shard counts' CPU in the JSON" "$PY" -c "
import json, sys
d = json.load(open(sys.argv[1]))
cpu = d['replay_thread_cpu_ns_per_msg']
sys.exit(0 if d['replay_mps'] > 0 and d['replay_2shards_mps'] > 0 and len(cpu['replay']) == 2
         and len(cpu['replay_2shards']) == 2 and all(c > 0 for c in cpu['replay'] + cpu['replay_2shards']) else 1)
" "$WORK/bench.json"
check "bench: prints the replay threads' CPU" grep -q "replay thread CPU ns/message, warm runs' median" "$WORK/bench.out"
"$TJ" bench --dir "$WORK/bench" --messages 50000 --symbols 40 --stages replay >/dev/null 2>"$WORK/bench-other.err"
rc=$?
check "bench --stages replay of another day than the journal's: exit 2, one line" \
  test $rc -eq 2 -a "$(wc -l <"$WORK/bench-other.err")" -eq 1 -a -n "$(grep "not this run's" "$WORK/bench-other.err")"
"$TJ" bench --dir "$WORK/bench" --messages 100000 --symbols 40 --stages live --latency-seconds 0.5 \
  --warmup-seconds 0.2 --out "$WORK/bench-live.json" >"$WORK/bench-live.out" 2>&1
rc=$?
check "bench --stages live: exit 0, the tail's stalls and the threads' scheduler times in the JSON" test $rc -eq 0 -a \
  -n "$("$PY" -c "
import json, sys
t = json.load(open(sys.argv[1]))['latency_ns']['100k']['tail']
ok = t['stalls'] >= 0 and t['measured_seconds'] == 0.5 and t['appender_run_ms'] > 0 and t['tailer_run_ms'] >= 0
print('ok' if ok and 'others_cpu_ms' in t else '')
" "$WORK/bench-live.json")"
"$TJ" bench --dir "$WORK/bench" --messages 1000 --stages live --latency-seconds -1 >/dev/null 2>"$WORK/bench-secs.err"
rc=$?
check "bench --latency-seconds -1: exit 2, one line" \
  test $rc -eq 2 -a "$(wc -l <"$WORK/bench-secs.err")" -eq 1 -a -n "$(grep 'positive number of seconds' "$WORK/bench-secs.err")"
"$TJ" bench --dir "$WORK/bench-empty" --messages 1000 --stages replay >/dev/null 2>"$WORK/bench-empty.err"
rc=$?
check "bench --stages replay without an earlier import: exit 2, one line" \
  test $rc -eq 2 -a "$(wc -l <"$WORK/bench-empty.err")" -eq 1 -a -n "$(grep 'add import to --stages' "$WORK/bench-empty.err")"
touch "$WORK/not-a-dir"
"$TJ" bench --dir "$WORK/not-a-dir" --messages 1000 >/dev/null 2>"$WORK/bench-file.err"
rc=$?
check "bench --dir on a file: exit 2, one line" \
  test $rc -eq 2 -a "$(wc -l <"$WORK/bench-file.err")" -eq 1 -a -n "$(grep 'not a directory' "$WORK/bench-file.err")"

# 2. the bundled sample reproduces its expected outputs
"$TJ" import --itch "$ROOT/data/sample/sample.itch.gz" --journal "$WORK/sample-journal" >/dev/null 2>&1
"$TJ" replay --journal "$WORK/sample-journal" --state "$WORK/sample-state" >"$WORK/sample.out" 2>/dev/null
check "sample digest matches data/golden/digest.txt" \
  test "$(digest_of "$WORK/sample.out")" = "$(tr -d '[:space:]' <"$ROOT/data/golden/digest.txt")"
"$TJ" vwap --state "$WORK/sample-state" --format csv >"$WORK/sample-vwap.csv"
check "sample vwap CSV matches data/golden/vwap.csv" cmp -s "$WORK/sample-vwap.csv" "$ROOT/data/golden/vwap.csv"
"$TJ" bars --state "$WORK/sample-state" --format csv >"$WORK/sample-bars.csv"
check "sample bars CSV matches data/golden/bars.csv" cmp -s "$WORK/sample-bars.csv" "$ROOT/data/golden/bars.csv"

# 2b. verify: the oracle on the sample (reference engine, the replayed state, data/golden), then a corrupt copy
"$TJ" verify --journal "$WORK/sample-journal" --state "$WORK/sample-state" --expect "$ROOT/data/golden" >"$WORK/verify.out" 2>&1; rc=$?
check "verify of the sample, its state and data/golden: exit 0" test $rc -eq 0
check "verify of the sample: every check ok" test "$(grep -cE '^(integrity|sequence|reader|cross-check|state|expect) +ok ' "$WORK/verify.out")" -eq 6
check "verify of the sample: reference digest = golden digest" \
  grep -q "^digest *$(tr -d '[:space:]' <"$ROOT/data/golden/digest.txt") " "$WORK/verify.out"
cp -r "$WORK/journal" "$WORK/journal-corrupt"
CYCLE="$(ls "$WORK/journal-corrupt"/*.cq4 | head -1)"
OFF=1000003 # inside the records of the 60,000-message day (a payload byte)
B=$(od -An -tu1 -j "$OFF" -N1 "$CYCLE" | tr -d ' ')
printf "$(printf '\\%03o' $((B ^ 1)))" | dd of="$CYCLE" bs=1 seek="$OFF" conv=notrunc status=none
"$TJ" verify --journal "$WORK/journal-corrupt" >"$WORK/verify-corrupt.out" 2>&1; rc=$?
check "verify of a journal with a flipped byte: exit 1" test $rc -eq 1
check "verify of a journal with a flipped byte: the checksum failure is reported" grep -q "CRC32C stored" "$WORK/verify-corrupt.out"
"$TJ" verify --journal "$WORK/nope" >/dev/null 2>"$WORK/verify-nope.err"; rc=$?
check "verify of a missing journal: exit 2 with a reason" test $rc -eq 2 -a -n "$(grep 'no such journal directory' "$WORK/verify-nope.err")"

# 3. bad input: clear one-line errors and documented exit codes
"$TJ" import --itch "$WORK/missing.itch" --journal "$WORK/j-missing" >/dev/null 2>"$WORK/missing.err"; rc=$?
check "missing file: exit 2" test $rc -eq 2
check "missing file: one line naming the file" grep -q "missing.itch: no such file" "$WORK/missing.err"
check "missing file: no journal created" test ! -e "$WORK/j-missing"
: >"$WORK/empty.itch"
"$TJ" import --itch "$WORK/empty.itch" --journal "$WORK/j-empty" >/dev/null 2>"$WORK/empty.err"; rc=$?
check "empty file: exit 2 with a reason" test $rc -eq 2 -a -n "$(grep 'empty file' "$WORK/empty.err")"
NASDAQ="$ROOT/journal-core/src/test/resources/itch/nasdaq-01302019-first4096.itch"
"$TJ" import --itch "$NASDAQ" --journal "$WORK/j-nasdaq" >"$WORK/nasdaq.out" 2>"$WORK/nasdaq.err"; rc=$?
check "truncated real NASDAQ file: exit 1" test $rc -eq 1
check "truncated real NASDAQ file: 101 messages journaled" grep -q "imported 101 messages" "$WORK/nasdaq.out"
check "truncated real NASDAQ file: offset reported" grep -q "truncated at byte 4081" "$WORK/nasdaq.err"
"$TJ" replay --journal "$WORK/nope" --state "$WORK/s-nope" >/dev/null 2>"$WORK/nope.err"; rc=$?
check "replay of a missing journal: exit 2" test $rc -eq 2 -a -n "$(grep 'no such journal directory' "$WORK/nope.err")"
mkdir -p "$WORK/precious" && echo keep >"$WORK/precious/notes.txt"
"$TJ" replay --journal "$WORK/journal" --state "$WORK/precious" >/dev/null 2>&1; rc=$?
check "replay refuses a foreign non-empty state directory" test $rc -eq 2 -a -f "$WORK/precious/notes.txt"

# 4. export (csv, lobster) and its bad input
"$TJ" export --journal "$WORK/sample-journal" --out "$WORK/export-csv" --format csv >/dev/null 2>&1; rc=$?
check "export --format csv exits 0" test $rc -eq 0
check "export csv: one file per message type, header first" \
  test "$(head -1 "$WORK/export-csv/order_executed.csv")" = "index,receive_time_ns,sequence,locate,tracking,timestamp,symbol,order_ref,shares,match_number"
"$TJ" export --journal "$WORK/sample-journal" --out "$WORK/export-lob" --format lobster --symbol AAPL --levels 3 >/dev/null 2>&1; rc=$?
check "export --format lobster exits 0 with a message and an orderbook file" \
  test $rc -eq 0 -a "$(ls "$WORK/export-lob" | wc -l)" -eq 2
"$TJ" export --journal "$WORK/nope" --out "$WORK/export-nope" >/dev/null 2>"$WORK/export-nope.err"; rc=$?
check "export of a missing journal: exit 2" test $rc -eq 2 -a -n "$(grep 'no such journal directory' "$WORK/export-nope.err")"

# 5. the demo
"$TJ" demo --dir "$WORK/demo" >"$WORK/demo.out" 2>&1; rc=$?
check "demo exits 0" test $rc -eq 0
check "demo matches the expected digest" grep -q "matches the expected digest" "$WORK/demo.out"

# 6. a newer Java, where one is installed: the launcher's AOT cache (Java 25+) gives the same replay
JDK25=""
for j in /usr/lib/jvm/*-2[5-9]*/bin/java; do [ -x "$j" ] && JDK25="$j" && break; done
if [ -n "$JDK25" ]; then
  TICKJOURNAL_JAVA="$JDK25" "$TJ" replay --journal "$WORK/sample-journal" --state "$WORK/sample-state-25" \
    >"$WORK/sample-25.out" 2>"$WORK/sample-25.err"; rc=$?
  check "Java 25 ($JDK25): replay of the sample exits 0 with the golden digest, no warnings" \
    test $rc -eq 0 -a "$(digest_of "$WORK/sample-25.out")" = "$(tr -d '[:space:]' <"$ROOT/data/golden/digest.txt")" \
    -a -z "$(grep -i warning "$WORK/sample-25.err")"
  check "Java 25: the launcher made its AOT cache" test -n "$(ls "$ROOT"/replay-tool/target/tickjournal-jdk*.aot 2>/dev/null)"
else
  echo "skip Java 25 checks: no /usr/lib/jvm/*-25*/bin/java"
fi

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
