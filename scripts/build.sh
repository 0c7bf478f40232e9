#!/usr/bin/env bash
# Configures and builds kafkasim in build directory $1 with any further CMake arguments, the way
# both of the README's commands do (scripts/demo.sh, scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=$1
shift
# Unity builds compile sixteen sources as one: the templates every file instantiates (fmt, JSON,
# std::function) are compiled once instead of sixteen times, which halves a clean build. They also
# keep the sources honest: two files of a library may not define the same name, even privately.
cmake -S . -B "$dir" -G Ninja -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
