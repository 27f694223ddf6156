# libFuzzer targets of the core (t/fuzz/*.c), included by the Makefile.
#
#   make fuzz-build                 every target, into build/fuzz/bin
#   make fuzz FUZZ_TIME=600         run each target FUZZ_TIME seconds
#                                   (default 60) on build/fuzz/corpus/<t>,
#                                   seeded from the fixtures
#   make fuzz-one FUZZ_TARGET=fuzz_sse FUZZ_TIME=3600 [FUZZ_JOBS=2]
#   make fuzz-smoke                 3 s each + every regression input (CI)
#   make fuzz-regress               every target over t/fuzz/regress/<t>/
#
# Crashes land in build/fuzz/crash/<t>/; each one found is reduced and
# kept as a regression input in t/fuzz/regress/<t>/ (see reliability.md).

FUZZ_CC      ?= clang
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_TIME    ?= 60
FUZZ_JOBS    ?= 1
FUZZ_MAXLEN  ?= 65536
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := -std=c99 -D_POSIX_C_SOURCE=200809L -g -O1 \
                -fno-omit-frame-pointer $(FUZZ_SAN) -Isrc/core

FUZZ_TARGETS := fuzz_request_openai fuzz_request_anthropic \
                fuzz_request_gemini fuzz_response_openai \
                fuzz_response_anthropic fuzz_response_gemini fuzz_error \
                fuzz_sse fuzz_stream_openai fuzz_stream_anthropic \
                fuzz_stream_gemini fuzz_path fuzz_json fuzz_check fuzz_pull
FUZZ_BINS    := $(addprefix $(FUZZ_DIR)/bin/,$(FUZZ_TARGETS))
FUZZ_OBJS    := $(patsubst src/core/%.c,$(FUZZ_DIR)/core/%.o,$(CORE_SRCS))

# dialect numbers of llm_dialect_e
fuzz_dialect = $(if $(findstring openai,$(1)),1,$(if $(findstring anthropic,$(1)),2,3))

.PHONY: fuzz-build fuzz-seeds fuzz fuzz-one fuzz-smoke fuzz-regress

fuzz-build: $(FUZZ_BINS)

$(FUZZ_DIR)/core/%.o: src/core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/libllmcore.a: $(FUZZ_OBJS)
	ar rcs $@ $^

$(FUZZ_DIR)/bin/fuzz_request_%: t/fuzz/fuzz_request.c t/fuzz/fuzz_common.h t/unit/fast_paths.h $(FUZZ_DIR)/libllmcore.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DFUZZ_CLIENT=$(call fuzz_dialect,$*) $< -o $@ $(FUZZ_DIR)/libllmcore.a -ljansson

$(FUZZ_DIR)/bin/fuzz_response_%: t/fuzz/fuzz_response.c t/fuzz/fuzz_common.h t/unit/fast_paths.h $(FUZZ_DIR)/libllmcore.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DFUZZ_UPSTREAM=$(call fuzz_dialect,$*) $< -o $@ $(FUZZ_DIR)/libllmcore.a -ljansson

$(FUZZ_DIR)/bin/fuzz_stream_%: t/fuzz/fuzz_stream.c t/fuzz/fuzz_common.h $(FUZZ_DIR)/libllmcore.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DFUZZ_UPSTREAM=$(call fuzz_dialect,$*) $< -o $@ $(FUZZ_DIR)/libllmcore.a -ljansson

$(FUZZ_DIR)/bin/fuzz_%: t/fuzz/fuzz_%.c t/fuzz/fuzz_common.h t/unit/json_diff.h $(FUZZ_DIR)/libllmcore.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< -o $@ $(FUZZ_DIR)/libllmcore.a -ljansson

fuzz-seeds:
	@rm -rf $(FUZZ_DIR)/seed
	@perl t/fuzz/seeds.pl $(FUZZ_DIR)/seed
	@# fuzz_check, fuzz_pull: the JSON of fuzz_json's seeds
	@cp -R $(FUZZ_DIR)/seed/fuzz_json $(FUZZ_DIR)/seed/fuzz_check
	@cp -R $(FUZZ_DIR)/seed/fuzz_json $(FUZZ_DIR)/seed/fuzz_pull

# one target: $(FUZZ_TARGET) for $(FUZZ_TIME) s; the log keeps libFuzzer's
# final statistics (stat::number_of_executed_units, cov, ft, corp)
fuzz-one: $(FUZZ_DIR)/bin/$(FUZZ_TARGET) fuzz-seeds
	@mkdir -p $(FUZZ_DIR)/corpus/$(FUZZ_TARGET) $(FUZZ_DIR)/crash/$(FUZZ_TARGET) $(FUZZ_DIR)/log
	@mkdir -p $(FUZZ_DIR)/seed/$(FUZZ_TARGET) t/fuzz/regress/$(FUZZ_TARGET)
	cd $(FUZZ_DIR)/crash/$(FUZZ_TARGET) && $(abspath $(FUZZ_DIR)/bin/$(FUZZ_TARGET)) \
	    -max_total_time=$(FUZZ_TIME) -max_len=$(FUZZ_MAXLEN) -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 $(if $(filter-out 1,$(FUZZ_JOBS)),-jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS)) \
	    -dict=$(abspath t/fuzz/llm.dict) \
	    $(abspath $(FUZZ_DIR)/corpus/$(FUZZ_TARGET)) \
	    $(abspath $(FUZZ_DIR)/seed/$(FUZZ_TARGET)) \
	    $(abspath t/fuzz/regress/$(FUZZ_TARGET)) \
	    > $(abspath $(FUZZ_DIR)/log/$(FUZZ_TARGET).log) 2>&1 \
	|| { tail -60 $(abspath $(FUZZ_DIR))/log/$(FUZZ_TARGET).log; exit 1; }
	@grep -E '^stat::number_of_executed_units|^#[0-9]+.*(DONE|INITED)' $(FUZZ_DIR)/log/$(FUZZ_TARGET).log | tail -2

fuzz: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	    echo "== $$t ($(FUZZ_TIME) s)"; \
	    $(MAKE) -s fuzz-one FUZZ_TARGET=$$t FUZZ_TIME=$(FUZZ_TIME); \
	done

fuzz-regress: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	    if ls t/fuzz/regress/$$t/* >/dev/null 2>&1; then \
	        echo "== $$t: $$(ls t/fuzz/regress/$$t | wc -l) regression inputs"; \
	        $(FUZZ_DIR)/bin/$$t -runs=1 t/fuzz/regress/$$t/* >/dev/null 2>&1 \
	        || { $(FUZZ_DIR)/bin/$$t -runs=1 t/fuzz/regress/$$t/* 2>&1 | tail -40; exit 1; }; \
	    fi; \
	done

fuzz-smoke: fuzz-regress
	@$(MAKE) -s fuzz FUZZ_TIME=3
