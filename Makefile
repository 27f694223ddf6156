# Developer entry points.  The module itself is built by nginx's
# configure (see ./build.sh); this Makefile builds and checks the
# nginx-free core and drives the test suite, fuzzers and benchmarks.

CC        ?= cc
BUILD     ?= build
CORE_SRCS := $(wildcard src/core/*.c)
CORE_HDRS := $(wildcard src/core/*.h)
UNIT_SRCS := $(wildcard t/unit/*.c)

CORE_CFLAGS := -std=c99 -D_POSIX_C_SOURCE=200809L -g -O2 -D_FORTIFY_SOURCE=2 \
               -fstack-protector-strong -Wformat -Werror=format-security \
               -Wall -Wextra -Werror -Wno-unused-parameter -Isrc/core
CORE_LIBS   := -ljansson

# SAN=1: AddressSanitizer + UndefinedBehaviorSanitizer build of the core
ifeq ($(SAN),1)
CC          := clang
BUILD       := build/san
CORE_CFLAGS += -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=all
CORE_LIBS   += -fsanitize=address,undefined
endif

UNIT_BINS := $(patsubst t/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))

.PHONY: all module unit test clean

all: module unit

module:
	./build.sh

unit: $(UNIT_BINS)

$(BUILD)/libllmcore.a: $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p $(BUILD)/core
	@set -e; for f in $(CORE_SRCS); do \
	    $(CC) $(CORE_CFLAGS) -c $$f -o $(BUILD)/core/$$(basename $$f .c).o; \
	done
	ar rcs $@ $(BUILD)/core/*.o

$(BUILD)/unit/%: t/unit/%.c $(wildcard t/unit/*.h) $(BUILD)/libllmcore.a
	@mkdir -p $(BUILD)/unit
	$(CC) $(CORE_CFLAGS) $< -o $@ $(BUILD)/libllmcore.a $(CORE_LIBS)

test:
	./t/run-tests.sh

clean:
	rm -rf $(BUILD)

# benchmarks (bench/) and fuzzers (t/fuzz/) bring their own targets
-include bench/bench.mk
-include t/fuzz/fuzz.mk
