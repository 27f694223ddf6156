#!/bin/sh
# Runs the benchmarks and writes OUT/results.md (see docs/performance.md).
#
#   bench/bench.sh [--smoke] OUT
#
# 1. core microbenchmarks (bench/out/bin/micro): ns/op;
# 2. callgrind instruction counts per operation, and the profile of the
#    translated path (top functions, inclusive);
# 3. the gateway against plain nginx (bench/run.pl).

set -eu

smoke=
if [ "${1:-}" = "--smoke" ]; then
    smoke=1
    shift
fi

out=${1:-bench/out}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${BENCH_BIN:-$top/bench/out/bin}
module=${BENCH_MODULE:-$top/build/gcc/ngx_http_llm_translate_module.so}

cd "$top"
mkdir -p "$out"

# what the harness needs, from Debian's archive, when run as root
missing=
for p in wrk libnginx-mod-http-echo valgrind; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
        || missing="$missing $p"
done
if [ -n "$missing" ] && [ "$(id -u)" = 0 ]; then
    echo "== installing$missing" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends $missing >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends $missing >/dev/null; }
fi
res="$out/results.md"

echo "== core microbenchmarks" >&2
if [ -n "$smoke" ]; then
    "$bin/micro" -t 5 > "$out/micro.txt"
else
    "$bin/micro" -t 300 > "$out/micro.txt"
fi
cat "$out/micro.txt" >&2

# instructions per operation: every iteration runs inside bench_loop()
cg_ops="req.o2a.2k req.a2o.2k req.parse.o.2k req.o2a.small req.a2o.small
        req.parse.o.small req.parse.a.small req.parse.g.small req.g2o.small
        req.scan.o.small req.scan.o.2k
        req.check.o.small req.check.a.small req.check.g.small req.check.o.2k
        req.check.o.agent req.parse.o.agent req.o2a.agent
        req.check.o.agent.memo req.o2a.agent.memo req.check.o.2k.memo
        req.o2a.2k.memo req.a2o.2k.memo skip.schema.2k
        skip.schema.agent
        req.o2a.text24k resp.o2a resp.a2o resp.relay.o resp.relay.a
        stream.o2a.20 stream.o2a.1000 stream.a2o.20 stream.a2o.1000
        size.o2a.1k size.o2a.64k"
cg_iter=20
if [ -n "$smoke" ]; then
    cg_ops="req.o2a.small stream.o2a.20"
    cg_iter=2
fi

: > "$out/callgrind.txt"
if command -v valgrind >/dev/null 2>&1; then
    echo "== callgrind" >&2
    mkdir -p "$out/callgrind"
    for op in $cg_ops; do
        f="$out/callgrind/$op.out"
        timeout 300 valgrind --tool=callgrind --toggle-collect=bench_loop \
            --callgrind-out-file="$f" "$bin/micro" --once "$op" $cg_iter \
            >/dev/null 2>&1
        ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$f")
        units=$(awk -v n="$op" '$1 == n { print $5 }' "$out/micro.txt")
        unit=$(awk -v n="$op" '$1 == n { print $4 }' "$out/micro.txt")
        echo "$op $ir $cg_iter ${units:-1} ${unit:-op}" >> "$out/callgrind.txt"
    done

    # the profile of the translated path: request and response
    # translation, and a translated stream
    for op in req.o2a.small resp.o2a stream.o2a.1000; do
        f="$out/callgrind/$op.out"
        [ -f "$f" ] || continue
        callgrind_annotate --inclusive=yes "$f" 2>/dev/null \
            | sed -n '/file:function/,$p' | grep -v '???:0x' \
            | sed "s|$top/||" | awk '!seen[$NF]++' \
            | grep -v 'below main\|libc-start\|:main \|bench_loop\|micro.c' \
            | grep -v '^\(-\|Ir \)' | sed 's/ \[.*\]$//' | head -25 \
            > "$out/profile-$op.txt"
        callgrind_annotate "$f" 2>/dev/null \
            | sed -n '/file:function/,$p' | grep -v '^\(-\|Ir \)' \
            | sed 's/ \[.*\]$//' | head -15 > "$out/profile-self-$op.txt"
    done
else
    echo "== callgrind: valgrind not installed, skipped" >&2
fi

echo "== gateway against plain nginx" >&2
set +e
if [ -n "$smoke" ]; then
    perl bench/run.pl --smoke --out "$out" --bin "$bin" --module "$module" \
        > /dev/null
else
    perl bench/run.pl --out "$out" --bin "$bin" --module "$module" \
        > /dev/null
fi
rc=$?
if [ -z "$smoke" ] && command -v perf >/dev/null 2>&1; then
    echo "== perf profile of the gateway worker" >&2
    perl bench/run.pl --profile --out "$out" --bin "$bin" \
        --module "$module" > /dev/null || true
fi
set -e

{
    echo "# Benchmark results"
    echo
    echo "## Gateway against plain nginx"
    echo
    cat "$out/http.md" 2>/dev/null || echo "(the gateway run failed)"
    echo
    echo "## Core microbenchmarks (no nginx)"
    echo
    echo "| benchmark | ns/op | ns per unit | unit | units | input bytes |" \
         "held bytes | instructions/op | instructions/unit |"
    echo "|---|--:|--:|---|--:|--:|--:|--:|--:|"
    tail -n +2 "$out/micro.txt" | while read -r name ns nsu unit units inb \
                                               held; do
        ir=$(awk -v n="$name" '$1 == n { printf "%.0f", $2 / $3 }' \
             "$out/callgrind.txt")
        iru=$(awk -v n="$name" '$1 == n { printf "%.0f", $2 / $3 / $4 }' \
              "$out/callgrind.txt")
        echo "| $name | $ns | $nsu | $unit | $units | $inb | $held |" \
             "${ir:-} | ${iru:-} |"
    done
    if [ -z "$smoke" ] && [ -f "$out/perf.md" ]; then
        echo
        echo "## Where the gateway worker's CPU goes (perf, concurrency 32)"
        echo
        cat "$out/perf.md"
    fi
    for f in "$out"/profile-*.txt; do
        [ -f "$f" ] || continue
        echo
        echo "### $(basename "$f" .txt) (callgrind, instructions)"
        echo
        echo '```'
        cat "$f"
        echo '```'
    done
} > "$res"

cat "$res"
exit $rc
