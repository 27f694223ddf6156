# Benchmarks (included by the top Makefile).
#
#   make bench         the full run (~6-8 minutes): core microbenchmarks,
#                      callgrind instruction counts and profile, then the
#                      gateway against plain nginx; tables in
#                      bench/out/results.md
#   make bench-smoke   the same harness in seconds (CI: t/70-bench-smoke.t);
#                      its numbers mean nothing
#   make bench-micro   the core microbenchmarks only
#   make bench-profile perf profile of the gateway worker (bench/out/perf.md)
#   make bench-floor   simdjson (libsimdjson-dev) on the benchmark's bodies
#                      next to the core's rows for them, one run: the floor
#                      under any reader of a body (not in make bench)
#
# Needs: nginx, libnginx-mod-http-echo, wrk, valgrind (callgrind; skipped
# when absent).  Everything runs on 127.0.0.1 and is bounded in time.

BENCH_OUT   ?= bench/out
BENCH_BIN   := $(BENCH_OUT)/bin

.PHONY: bench bench-smoke bench-micro bench-profile bench-tools bench-floor

$(BENCH_BIN)/micro: bench/micro.c $(BUILD)/libllmcore.a
	@mkdir -p $(BENCH_BIN)
	$(CC) $(CORE_CFLAGS) $< -o $@ $(BUILD)/libllmcore.a $(CORE_LIBS)

$(BENCH_BIN)/ttfb: bench/ttfb.c
	@mkdir -p $(BENCH_BIN)
	$(CC) -std=c99 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror $< -o $@

bench-tools: $(BENCH_BIN)/micro $(BENCH_BIN)/ttfb module

bench-micro: $(BENCH_BIN)/micro
	$(BENCH_BIN)/micro

bench: bench-tools
	bench/bench.sh $(BENCH_OUT)

bench-smoke: bench-tools
	bench/bench.sh --smoke $(BENCH_OUT)/smoke

# where the gateway worker's CPU goes (perf record), into bench/out/perf.md
bench-profile: bench-tools
	perl bench/run.pl --profile --out $(BENCH_OUT) --bin $(BENCH_BIN)

# simdjson is a reference point only: the module never links it
$(BENCH_BIN)/floor: bench/floor.cc
	@mkdir -p $(BENCH_BIN)
	@test -f /usr/include/simdjson.h || { echo "bench-floor: needs libsimdjson-dev (apt-get install libsimdjson-dev)"; exit 1; }
	$(CXX) -std=c++17 -O2 -Wall -Wextra -Werror $< -o $@ -lsimdjson

bench-floor: $(BENCH_BIN)/floor $(BENCH_BIN)/micro
	$(BENCH_BIN)/floor bench/fixtures/chat-tools-2k.json \
	    bench/fixtures/chat-tools-agent.json
	@# the kernel for SSE4.2, the nearest to the module's SSE2 build
	SIMDJSON_FORCE_IMPLEMENTATION=westmere $(BENCH_BIN)/floor \
	    bench/fixtures/chat-tools-2k.json bench/fixtures/chat-tools-agent.json
	$(BENCH_BIN)/micro req.check.o.2k req.parse.o.2k req.o2a.2k \
	    req.check.o.agent req.parse.o.agent req.o2a.agent skip.schema.agent
