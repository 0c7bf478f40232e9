#!/usr/bin/env bash
# Sets up, builds and runs every kafkasim test: once in an optimised build and once under
# AddressSanitizer + UndefinedBehaviorSanitizer. This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
jobs=$(nproc)

configure_and_test() {
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  (cd "$dir" && ctest --output-on-failure -j "$jobs")
}

# Unity builds compile eight sources as one: the templates every file instantiates (fmt, JSON,
# std::function) are compiled once instead of eight times. They also keep the sources honest: two
# files of a library may not define the same name, even privately.
unity=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8)

echo "== build and test (RelWithDebInfo)"
configure_and_test build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${unity[@]}"
# The sanitizer pass doubles the build; KAFKASIM_SANITIZE=0 skips it for a quick local check.
# -g1 keeps the line tables that stack traces need and drops the rest of the debug information.
if [[ "${KAFKASIM_SANITIZE:-1}" != 0 ]]; then
  echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    configure_and_test build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DKAFKASIM_SANITIZE=ON \
    -DKAFKASIM_BUILD_VIZ=OFF -DKAFKASIM_BUILD_BENCH=OFF "${unity[@]}"
fi
