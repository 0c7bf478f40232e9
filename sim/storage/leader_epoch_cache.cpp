#include "sim/storage/leader_epoch_cache.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <charconv>

namespace kafkasim {

bool LeaderEpochCache::Assign(LeaderEpoch epoch, Offset start_offset) {
  // Kafka throws IllegalArgumentException: a caller passing these has a bug.
  assert(epoch.value() >= 0 && "leader epochs are >= 0");
  assert(start_offset.value() >= 0 && "epoch start offsets are >= 0");
  // isUpdateNeeded: the latest entry already says this epoch started here or earlier.
  if (!entries_.empty()) {
    const EpochEntry& last = entries_.back();
    if (last.epoch == epoch && start_offset >= last.start_offset) return false;
  }
  // maybeTruncateNonMonotonicEntries: entries from the end whose epoch or start offset is not
  // below the new one's describe a history the new entry replaces.
  while (!entries_.empty() &&
         (entries_.back().epoch >= epoch || entries_.back().start_offset >= start_offset)) {
    entries_.pop_back();
  }
  entries_.push_back({epoch, start_offset});
  return true;
}

EpochEndOffset LeaderEpochCache::EndOffsetFor(LeaderEpoch requested, Offset log_end_offset) const {
  if (requested == kNoLeaderEpoch) return {};
  if (!entries_.empty() && entries_.back().epoch == requested) {
    // The leader's current epoch is still being written: it ends at the log end.
    return {requested, log_end_offset};
  }
  // The first entry with an epoch above the requested one (TreeMap.higherEntry).
  const auto higher =
      std::upper_bound(entries_.begin(), entries_.end(), requested,
                       [](LeaderEpoch e, const EpochEntry& entry) { return e < entry.epoch; });
  if (higher == entries_.end()) return {};
  if (higher == entries_.begin()) {
    // Every known epoch is larger: the data of older ones was deleted. The follower may keep
    // what lies below the first known epoch's start.
    return {requested, higher->start_offset};
  }
  // The largest epoch <= requested (floorEntry) ended where the next one began.
  return {std::prev(higher)->epoch, higher->start_offset};
}

std::optional<LeaderEpoch> LeaderEpochCache::latest_epoch() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.back().epoch;
}

std::optional<EpochEntry> LeaderEpochCache::latest_entry() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.back();
}

std::optional<EpochEntry> LeaderEpochCache::earliest_entry() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.front();
}

std::optional<LeaderEpoch> LeaderEpochCache::EpochForOffset(Offset offset) const {
  std::optional<LeaderEpoch> previous;
  for (const EpochEntry& entry : entries_) {
    if (entry.start_offset > offset) break;
    previous = entry.epoch;
  }
  return previous;
}

bool LeaderEpochCache::TruncateFromEnd(Offset end_offset) {
  if (end_offset.value() < 0 || entries_.empty() || entries_.back().start_offset < end_offset) {
    return false;
  }
  while (!entries_.empty() && entries_.back().start_offset >= end_offset) entries_.pop_back();
  return true;
}

bool LeaderEpochCache::TruncateFromStart(Offset start_offset) {
  // The entries starting at or before the new log start; the last of them survives, moved up.
  const auto first_after =
      std::upper_bound(entries_.begin(), entries_.end(), start_offset,
                       [](Offset o, const EpochEntry& entry) { return o < entry.start_offset; });
  if (first_after == entries_.begin()) return false;
  const LeaderEpoch kept = std::prev(first_after)->epoch;
  entries_.erase(entries_.begin(), first_after);
  entries_.insert(entries_.begin(), EpochEntry{kept, start_offset});
  return true;
}

std::string LeaderEpochCache::ToCheckpointFile() const {
  // CheckpointFile: the version, the entry count, then one "epoch offset" line each.
  std::string text = fmt::format("0\n{}\n", entries_.size());
  for (const EpochEntry& entry : entries_) {
    text += fmt::format("{} {}\n", entry.epoch.value(), entry.start_offset.value());
  }
  return text;
}

namespace {

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

template <typename Int>
bool ParseInt(std::string_view text, Int* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::optional<LeaderEpochCache> LeaderEpochCache::ParseCheckpointFile(std::string_view text,
                                                                      std::string* error) {
  const std::vector<std::string_view> lines = Lines(text);
  int version = -1;
  size_t count = 0;
  if (lines.size() < 2 || !ParseInt(lines[0], &version) || !ParseInt(lines[1], &count)) {
    *error = "expected a version line and an entry count";
    return std::nullopt;
  }
  if (version != 0) {
    *error = fmt::format("unrecognized version {}", version);
    return std::nullopt;
  }
  if (lines.size() != count + 2) {
    *error = fmt::format("expected {} entries but found {} lines", count, lines.size() - 2);
    return std::nullopt;
  }
  LeaderEpochCache cache;
  for (size_t i = 2; i < lines.size(); ++i) {
    const size_t space = lines[i].find(' ');
    int32_t epoch = 0;
    int64_t offset = 0;
    if (space == std::string_view::npos || !ParseInt(lines[i].substr(0, space), &epoch) ||
        !ParseInt(lines[i].substr(space + 1), &offset) || epoch < 0 || offset < 0) {
      *error = fmt::format("line {}: expected \"epoch startOffset\", got \"{}\"", i + 1, lines[i]);
      return std::nullopt;
    }
    if (!cache.entries_.empty() && (cache.entries_.back().epoch.value() >= epoch ||
                                    cache.entries_.back().start_offset.value() >= offset)) {
      *error = fmt::format("line {}: entries must rise in epoch and start offset", i + 1);
      return std::nullopt;
    }
    cache.entries_.push_back({LeaderEpoch(epoch), Offset(offset)});
  }
  return cache;
}

}  // namespace kafkasim
