#include "viz/model/log_index.h"

#include <algorithm>

#include <fmt/format.h>

namespace kafkasim::viz {
namespace {

bool SameFilter(const LogFilter& a, const LogFilter& b) {
  return a.show == b.show && a.node == b.node && a.text == b.text;
}

}  // namespace

void LogIndex::Update(const Timeline& timeline, int generation, const LogFilter& filter,
                      std::optional<size_t> through, size_t budget) {
  if (generation != generation_ || !has_filter_ || !SameFilter(filter, filter_) || timeline.size() < scanned_) {
    rows_.clear();
    scanned_ = 0;
    generation_ = generation;
    filter_ = filter;
    has_filter_ = true;
  }
  const size_t end = std::min(timeline.size(), std::max(scanned_ + budget, through ? *through + 1 : 0));
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

constexpr Duration kNarrationHolds = Duration::Seconds(5);

}  // namespace

Captions CaptionsAt(const Timeline& timeline, const LookBackIndex& index, std::optional<size_t> cursor_index,
                    Duration window, size_t max_recent) {
  Captions captions;
  if (!cursor_index) return captions;
  const Time now = timeline.At(*cursor_index).time;
  // Bounded: a caption further back than this many events is stale.
  constexpr size_t kMaxScan = 50000;
  const size_t end = *cursor_index + 1;
  const size_t begin = end > kMaxScan ? end - kMaxScan : 0;
  const std::span<const uint32_t> narrations = LookBackIndex::Within(index.narrations(), begin, end);
  if (!narrations.empty()) {
    // A narration tells the story of the next few seconds: what it announces happens then ("now
    // its process dies", or the two rebalances of an incremental one), but a milestone later than
    // that (the election 18 s after "nothing has changed yet") leaves it describing the past.
    const EventView narration = timeline.At(narrations.back());
    const std::span<const uint32_t> since = LookBackIndex::Within(index.milestones(), narrations.back() + 1, end);
    const bool overtaken = !since.empty() && timeline.At(since.back()).time - narration.time > kNarrationHolds;
    if (!overtaken) captions.narration = Clipped(narration.narration, 4 * Captions::kMaxCaptionBytes);
  }
  // Most recent first; times only fall going back, so the first one too old ends the list.
  const std::span<const uint32_t> changes = LookBackIndex::Within(index.state_changes(), begin, end);
  for (auto it = changes.rbegin(); it != changes.rend() && captions.recent.size() < max_recent; ++it) {
    const EventView e = timeline.At(*it);
    if (now - e.time > window) break;
    captions.recent.push_back(Clipped(fmt::format("{}  {}", FormatTime(e.time), e.narration), Captions::kMaxCaptionBytes));
  }
  return captions;
}

}  // namespace kafkasim::viz
