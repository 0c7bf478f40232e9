#include "sim/record/jsonl_sink.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "sim/record/json_text.h"

namespace kafkasim {

std::string ToJsonLine(const TraceEvent& event) { return DumpJson(ToJson(event)); }

JsonLinesSink::JsonLinesSink(const std::string& path) : path_(path) {
  // Binary mode: the bytes written are exactly the bytes dumped, on every platform.
  out_.open(path, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!out_) {
    throw std::runtime_error(
        fmt::format("cannot open trace file '{}' for writing: {}", path, std::strerror(errno)));
  }
}

JsonLinesSink::~JsonLinesSink() {
  // A destructor cannot report failure; callers who care call Flush() first.
  out_.flush();
}

void JsonLinesSink::OnEvent(const TraceEvent& event) { out_ << ToJsonLine(event) << '\n'; }

void JsonLinesSink::Flush() {
  out_.flush();
  if (!out_) throw std::runtime_error(fmt::format("writing trace file '{}' failed", path_));
}

}  // namespace kafkasim
