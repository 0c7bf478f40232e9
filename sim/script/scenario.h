#pragma once
// A scenario file is a transcript a teacher writes: the commands a student would type into
// terminals, with timing and narration, that kafkasim replays deterministically.
//
//   # The seed walkthrough                     <- comments start with # at the start of a word
//   title: First steps                         <- header lines `key: value`, before any command
//   seed: 7
//
//   bin/kafka-server-start.sh config/server.properties     <- runs when the previous completes
//   bin/kafka-console-producer.sh --topic orders-topic
//   > user-1:first order                       <- stdin for the previous command, verbatim
//   at 10s  crash broker-0                     <- runs at simulated time 10 s
//   at +20s expect partition orders-topic-0 leader == none  <- 20 s after the previous started
//
// ParseScenario only reads the file's structure: it splits lines into words (lexer.h), reads the
// header and the `at` clauses and attaches `>` lines, and reports the first mistake as a
// ScriptError with its line and column. What the commands mean is the dispatcher's business; a
// misspelt command or a header line after the first command is its error, not the parser's.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.h"
#include "sim/script/lexer.h"
#include "sim/script/source_location.h"

namespace kafkasim {

struct ScenarioStep {
  enum class Timing {
    kAfterPrevious,       // no at-clause: like a terminal, when the previous command completes
    kAt,                  // `at T`: at simulated time T since the start (offset = T)
    kAfterPreviousStart,  // `at +D`: D after the previous step started (offset = D)
  };
  Timing timing = Timing::kAfterPrevious;
  Duration offset;          // zero for kAfterPrevious
  SourceLocation location;  // the line, and the column of the command's first word
  std::string text;         // the command as written after any at-clause, without its comment
  std::vector<Word> words;  // the command's words; columns count from the start of the line
  std::vector<std::string> input;  // the `>` lines that follow, without the "> "
  std::string source_line;         // the whole line as written, for the dispatcher's ScriptErrors
};

struct Scenario {
  std::string file;
  std::string title;
  std::optional<uint64_t> seed;
  // Every header line as written (title and seed included), keyed by its key.
  std::map<std::string, std::string> header;
  std::vector<ScenarioStep> steps;  // never empty in a parsed scenario
};

// The header keys a scenario may use, in the order suggestions prefer them.
const std::vector<std::string>& KnownHeaderKeys();

// Larger inputs are refused rather than parsed: no lesson needs them, and columns are ints.
inline constexpr size_t kMaxScenarioBytes = 16 << 20;

// Parses a scenario; `file_name` is only used in locations. Throws ScriptError on the first
// mistake, in line order.
Scenario ParseScenario(std::string_view text, std::string file_name);

// Reads and parses a file. A file that is missing, a directory, unreadable or too large is a
// ScriptError at line 0.
Scenario LoadScenario(const std::filesystem::path& path);

}  // namespace kafkasim
