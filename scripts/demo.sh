#!/usr/bin/env bash
# Sets up, builds and runs kafkasim's main job: the classroom demo. With a display and the
# visualizer built it opens kafkasim-viz; without one it narrates the demo in the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo

demo=scenarios/classroom-demo.scn
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -x build/viz/kafkasim-viz ]]; then
  exec build/viz/kafkasim-viz "$demo" "$@"
fi
exec build/sim/kafkasim run "$demo" "$@"
