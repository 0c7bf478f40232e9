#pragma once
// Playing one scenario file with the sinks a user asked for: what `kafkasim run` does once, and
// `kafkasim check` does for every file of a folder.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "sim/core/time.h"
#include "sim/record/narrator.h"
#include "sim/script/runner.h"

namespace kafkasim::cli {

// The seed of a scenario that names none.
inline constexpr uint64_t kDefaultSeed = 1;

struct PlayOptions {
  std::optional<uint64_t> seed;  // overrides the scenario's `seed:` header
  Time until = Time::Max();
  std::string trace_path;   // --trace FILE (JSON Lines)
  std::string record_path;  // --record FILE.db (SQLite)
  std::string data_dir;     // --data-dir DIR: the brokers' logs as real files
  NarratorOptions narrator;
};

struct PlayResult {
  int exit_code = 0;  // 0 every expectation held, 1 one failed, 2 the file is bad
  RunReport report;
  uint64_t seed = 0;
  std::string title;
};

// Plays `path`, narrating to `out` and reporting errors to `err`. Never throws.
PlayResult Play(const std::string& path, const PlayOptions& options, std::ostream& out, std::ostream& err);

}  // namespace kafkasim::cli
