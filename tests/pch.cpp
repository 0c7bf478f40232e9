// Anchors the precompiled header target; see CMakeLists.txt.
