#!/bin/sh
# Runs the test suite (or the given t/*.t files) against the static ASan
# nginx built by t/asan/build.sh.  Any AddressSanitizer or LeakSanitizer
# report in a test's logs fails that test (LLMTest's log check).
#
#   t/asan/run.sh                      every t/*.t
#   t/asan/run.sh t/10-slice.t t/60-bad-input.t
#
# The module is linked into the binary, so TEST_NGINX_MODULE is empty
# (no load_module line).  Valgrind alternative for Debian's own binary:
# see docs/reliability.md.

set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

bin=$(t/asan/build.sh | tail -1)

export TEST_NGINX_BINARY="$bin"
export TEST_NGINX_MODULE=
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:log_exe_name=1:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$top/t/asan/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}"
# the sanitizer build is several times slower: give tests more time
export TEST_LLM_ASAN=1

if [ $# -eq 0 ]; then
    set -- t/*.t
fi
exec prove -I t/lib -j "${TEST_JOBS:-2}" "$@"
