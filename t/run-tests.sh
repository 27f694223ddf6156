#!/bin/sh
# The whole test suite: installs what it needs, builds the module (gcc,
# and clang as a second -Werror gate), the core unit tests, the SDK test
# packages, then runs every t/*.t with prove.  Ends with prove's summary
# ("Result: PASS" or "Result: FAIL") and its exit status.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

LLM_DEPS_EXTRA="clang libclang-rt-14-dev valgrind libssl-dev zlib1g-dev" ./t/deps.sh

echo "== build (gcc)"
./build.sh >/dev/null
echo "== build (clang, -Werror)"
CC=clang ./build.sh >/dev/null

echo "== core unit tests"
make -s unit

if [ -f t/sdk/package-lock.json ]; then
    echo "== SDK packages (npm ci)"
    (cd t/sdk && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

echo "== tests"
exec prove -I t/lib -j "${TEST_JOBS:-2}" t/
