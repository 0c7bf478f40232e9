#include "viz/model/log_index.h"

#include <algorithm>

#include <fmt/format.h>

namespace kafkasim::viz {
namespace {

bool SameFilter(const LogFilter& a, const LogFilter& b) {
  return a.show == b.show && a.node == b.node && a.text == b.text;
}

}  // namespace

void LogIndex::Update(const Timeline& timeline, int generation, const LogFilter& filter, size_t budget) {
  if (generation != generation_ || !has_filter_ || !SameFilter(filter, filter_) || timeline.size() < scanned_) {
    rows_.clear();
    scanned_ = 0;
    generation_ = generation;
    filter_ = filter;
    has_filter_ = true;
  }
  const size_t end = std::min(timeline.size(), scanned_ + budget);
  for (size_t i = scanned_; i < end; ++i) {
    if (filter_.Matches(timeline.At(i))) rows_.push_back(static_cast<uint32_t>(i));
  }
  scanned_ = end;
}

std::optional<size_t> LogIndex::RowAtOrBefore(size_t index) const {
  const auto it = std::upper_bound(rows_.begin(), rows_.end(), index);
  if (it == rows_.begin()) return std::nullopt;
  return static_cast<size_t>(it - rows_.begin()) - 1;
}

namespace {

// `text`, cut to at most `max_bytes` on a character boundary, with an ellipsis when cut.
std::string Clipped(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // a continuation byte
  return std::string(text.substr(0, end)) + "\xE2\x80\xA6";
}

}  // namespace

Captions CaptionsAt(const Timeline& timeline, std::optional<size_t> cursor_index, Duration window,
                    size_t max_recent) {
  Captions captions;
  if (!cursor_index) return captions;
  const Time now = timeline.At(*cursor_index).time;
  // Bounded: a caption older than the window, or further back than this many events, is stale.
  constexpr size_t kMaxScan = 50000;
  bool narration_found = false;
  for (size_t n = 0, i = *cursor_index + 1; i-- > 0 && n < kMaxScan; ++n) {
    const EventView e = timeline.At(i);
    if (!narration_found && e.kind == "script.narrate") {
      captions.narration = Clipped(e.narration, 4 * Captions::kMaxCaptionBytes);
      narration_found = true;
    }
    if (captions.recent.size() < max_recent && now - e.time <= window && IsStateChange(e.kind) &&
        e.kind != "net.drop") {
      captions.recent.push_back(Clipped(fmt::format("{}  {}", FormatTime(e.time), e.narration), Captions::kMaxCaptionBytes));
    }
    if (narration_found && (captions.recent.size() >= max_recent || now - e.time > window)) break;
  }
  return captions;
}

}  // namespace kafkasim::viz
