#include "sim/ledger/group_processing.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

namespace kafkasim {

void GroupProcessing::OnPolled(const TopicPartition& tp, int64_t offset) {
  assert(offset >= 0 && "a polled record has an offset");
  partitions_[tp].polled.Add(static_cast<uint64_t>(offset));
}

bool GroupProcessing::OnProcessed(const TopicPartition& tp, int64_t offset, std::string_view app, uint64_t n) {
  assert(offset >= 0);
  PartitionProgress& p = partitions_[tp];
  assert(p.polled.Contains(static_cast<uint64_t>(offset)) && "only a polled record can be processed");
  p.processed.Add(static_cast<uint64_t>(offset));
  auto it = by_app_.find(app);
  if (it == by_app_.end()) it = by_app_.emplace(std::string(app), Origin()).first;
  Origin& origin = it->second;
  if (origin.processed.Contains(n)) {
    ++origin.duplicated;
    return true;
  }
  origin.processed.Add(n);
  return false;
}

GroupCounts GroupProcessing::Counts(const std::map<TopicPartition, int64_t>& committed) const {
  GroupCounts c;
  for (const auto& [app, origin] : by_app_) {
    c.processed += origin.processed.Count();
    c.duplicated += origin.duplicated;
  }
  for (const auto& [tp, p] : partitions_) {
    auto it = committed.find(tp);
    if (it == committed.end() || it->second <= 0) continue;
    const auto below = static_cast<uint64_t>(it->second);
    // processed ⊆ polled, so the unprocessed below the commit are the difference of the counts.
    const uint64_t polled = p.polled.Count() - p.polled.CountFrom(below);
    const uint64_t processed = p.processed.Count() - p.processed.CountFrom(below);
    assert(processed <= polled);
    c.lost += polled - processed;
  }
  return c;
}

std::vector<OffsetRange> GroupProcessing::ProcessedFrom(const TopicPartition& tp, uint64_t from) const {
  std::vector<OffsetRange> out;
  auto it = partitions_.find(tp);
  if (it == partitions_.end()) return out;
  for (const auto& [first, last] : it->second.processed.ranges()) {
    if (last >= from) out.emplace_back(std::max(first, from), last);
  }
  return out;
}

std::vector<OffsetRange> GroupProcessing::UnprocessedBelow(const TopicPartition& tp, uint64_t below) const {
  std::vector<OffsetRange> out;
  auto it = partitions_.find(tp);
  if (it == partitions_.end()) return out;
  const IntervalSet& processed = it->second.processed;
  for (const auto& [first, last] : it->second.polled.ranges()) {
    if (first >= below) break;
    // Walk [first, min(last, below - 1)] and keep the stretches not processed. Polled ranges
    // are few and processing goes in offset order, so this visits a handful of ranges.
    uint64_t at = first;
    const uint64_t end = std::min(last, below - 1);
    auto p = processed.ranges().upper_bound(at);
    if (p != processed.ranges().begin()) --p;
    for (; at <= end && p != processed.ranges().end(); ++p) {
      if (p->second < at) continue;
      if (p->first > end) break;
      if (p->first > at) out.emplace_back(at, p->first - 1);
      at = p->second + 1;
    }
    if (at <= end) out.emplace_back(at, end);
  }
  return out;
}

std::string FormatOffsetRanges(const std::vector<OffsetRange>& ranges) {
  std::vector<std::string> parts;
  for (const auto& [first, last] : ranges) {
    parts.push_back(first == last ? fmt::format("{}", first) : fmt::format("{}..{}", first, last));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace kafkasim
