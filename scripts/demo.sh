#!/usr/bin/env bash
# Sets up, builds and runs kafkasim's main job: the classroom demo. With a display and the
# visualizer built it opens kafkasim-viz; without one it narrates the demo in the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"

demo=scenarios/classroom-demo.scn
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -x build/viz/kafkasim-viz ]]; then
  exec build/viz/kafkasim-viz "$demo" "$@"
fi
exec build/sim/kafkasim run "$demo" "$@"
