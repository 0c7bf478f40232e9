#!/usr/bin/env bash
# Sets up, builds and runs every kafkasim test: once in an optimised build and once under
# AddressSanitizer + UndefinedBehaviorSanitizer. This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

configure_and_test() {
  local dir=$1
  shift
  bash scripts/build.sh "$dir" "$@"
  (cd "$dir" && ctest --output-on-failure -j "$(nproc)")
}

echo "== build and test (RelWithDebInfo)"
configure_and_test build -DCMAKE_BUILD_TYPE=RelWithDebInfo
# The sanitizer pass doubles the build; KAFKASIM_SANITIZE=0 skips it for a quick local check.
# -g1 keeps the line tables that stack traces need and drops the rest of the debug information.
if [[ "${KAFKASIM_SANITIZE:-1}" != 0 ]]; then
  echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    configure_and_test build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DKAFKASIM_SANITIZE=ON \
    -DKAFKASIM_BUILD_VIZ=OFF -DKAFKASIM_BUILD_BENCH=OFF
fi
