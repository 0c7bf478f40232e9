#!/usr/bin/env bash
# Sets up, builds and runs every kafkasim test. This is the README's test command; .ci/run calls it.
#
# One build, under AddressSanitizer + UndefinedBehaviorSanitizer, of everything: the simulator,
# the command line, the visualizer, the benchmarks (compiled, not timed) and the tests. A second,
# optimised build would double the time on a two-core machine and find nothing the sanitized
# one misses; the README's main command (scripts/demo.sh) builds the optimised one in build/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

# -g1 keeps the line tables the sanitizers' stack traces need (CMakeLists.txt says why -O0).
bash scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DKAFKASIM_SANITIZE=ON \
  -DKAFKASIM_BUILD_VIZ=ON -DKAFKASIM_BUILD_BENCH=ON
cd build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$(nproc)"
