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
#
# Needs: nginx, libnginx-mod-http-echo, wrk, valgrind (callgrind; skipped
# when absent).  Everything runs on 127.0.0.1 and is bounded in time.

BENCH_OUT   ?= bench/out
BENCH_BIN   := $(BENCH_OUT)/bin

.PHONY: bench bench-smoke bench-micro bench-profile bench-tools

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
