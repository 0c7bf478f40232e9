#pragma once
// JSON Lines trace file: one event per line, each line the object ToJson() builds (field names
// in README.md), so `jq`, pandas and a diff tool all read it. The file holds nothing but the
// events, in the order the Trace numbered them; two runs that trace the same events write
// byte-identical files, which makes the file a fingerprint of a run.
//
// Lines are buffered by the stream and written out on Flush() and on destruction. A run that is
// killed loses at most the lines since the last Flush(); every complete line before it parses.

#include <fstream>
#include <string>

#include "sim/core/trace.h"

namespace kafkasim {

class JsonLinesSink : public TraceSink {
 public:
  // Creates or truncates the file. Throws std::runtime_error naming the path if it cannot.
  explicit JsonLinesSink(const std::string& path);
  ~JsonLinesSink() override;

  JsonLinesSink(const JsonLinesSink&) = delete;
  JsonLinesSink& operator=(const JsonLinesSink&) = delete;

  void OnEvent(const TraceEvent& event) override;
  // Throws std::runtime_error if the operating system refused the writes (disk full, ...).
  void Flush() override;

 private:
  std::string path_;
  std::ofstream out_;
};

// One event as its JSON Lines line, without the newline (see DumpJson for odd bytes).
std::string ToJsonLine(const TraceEvent& event);

}  // namespace kafkasim
