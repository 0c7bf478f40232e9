#include "sim/ledger/ledger.h"

#include <cassert>
#include <charconv>

#include <fmt/format.h>

namespace kafkasim {

std::string LedgerValue(std::string_view app, uint64_t n, size_t value_size) {
  std::string value = fmt::format("{}#{}", app, n);
  if (value.size() < value_size) value.append(value_size - value.size(), '.');
  return value;
}

std::optional<LedgerRecordId> ParseLedgerValue(std::string_view value) {
  const size_t hash = value.find('#');
  if (hash == std::string_view::npos || hash == 0) return std::nullopt;
  LedgerRecordId id{.app = value.substr(0, hash)};
  const char* begin = value.data() + hash + 1;
  const char* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(begin, end, id.n);
  if (ec != std::errc() || ptr == begin || id.n == 0) return std::nullopt;
  return id;
}

namespace {

// Order is a promise per key (one key, one partition); without a key, per partition.
std::string OrderScope(std::string_view app, const TopicPartition& tp, std::optional<std::string_view> key) {
  std::string scope(app);
  scope += '\0';
  scope += key ? std::string(*key) : fmt::format("\1{}", ToString(tp));
  return scope;
}

}  // namespace

void Ledger::RegisterApp(const std::string& app, int16_t acks) { apps_[app].acks = acks; }

void Ledger::OnSent(std::string_view app, uint64_t n) {
  auto it = apps_.find(app);
  assert(it != apps_.end() && "apps register before they send");
  ++it->second.sent;
  (void)n;
}

std::optional<LedgerOrderBreak> Ledger::OnAcked(std::string_view app, uint64_t n, const TopicPartition& tp,
                                               int64_t offset, std::optional<std::string_view> key) {
  auto it = apps_.find(app);
  assert(it != apps_.end());
  App& a = it->second;
  if (offset < 0) {
    ++a.acked_without_offset;
    return std::nullopt;
  }
  a.acked.Add(n);
  PartitionAcks& p = partitions_[tp];
  p.offsets.Add(static_cast<uint64_t>(offset));
  if (a.acks != -1) p.leader_only_offsets.Add(static_cast<uint64_t>(offset));
  // Offsets of one partition grow in the order batches are written, so a record stored above a
  // later-sent one shows as soon as it is acknowledged.
  auto [latest, first] = latest_acked_.try_emplace(OrderScope(app, tp, key), LatestAcked{n, offset});
  if (first) return std::nullopt;
  if (n > latest->second.n) {
    latest->second = LatestAcked{n, offset};
    return std::nullopt;
  }
  if (offset > latest->second.offset) return LedgerOrderBreak{latest->second.n, latest->second.offset};
  return std::nullopt;
}

void Ledger::OnFailed(std::string_view app, uint64_t n) {
  auto it = apps_.find(app);
  assert(it != apps_.end());
  it->second.failed.Add(n);
}

LedgerLoss Ledger::OnLeaderElected(const TopicPartition& tp, int64_t log_end_offset) {
  LedgerLoss loss;
  auto it = partitions_.find(tp);
  if (it == partitions_.end() || log_end_offset < 0) return loss;
  PartitionAcks& p = it->second;
  const auto from = static_cast<uint64_t>(log_end_offset);
  loss.records = p.offsets.CountFrom(from);
  if (loss.records == 0) return loss;
  for (const auto& [first, last] : p.offsets.ranges()) {
    if (last >= from) {
      loss.first_offset = std::max(first, from);
      break;
    }
  }
  loss.last_offset = p.offsets.max();
  loss.acked_by_leader_only = p.leader_only_offsets.CountFrom(from);
  p.offsets.EraseFrom(from);
  p.leader_only_offsets.EraseFrom(from);
  lost_at_elections_ += loss.records;
  return loss;
}

void Ledger::OnTopicDeleted(std::string_view topic) {
  std::erase_if(partitions_, [topic](const auto& entry) { return entry.first.topic == topic; });
}

LedgerCounts Ledger::Counts() const {
  LedgerCounts c;
  for (const auto& [name, a] : apps_) {
    const LedgerCounts one = CountsFor(name);
    c.sent += one.sent;
    c.acked += one.acked;
    c.failed += one.failed;
  }
  return c;
}

LedgerCounts Ledger::CountsFor(std::string_view app) const {
  auto it = apps_.find(app);
  if (it == apps_.end()) return {};
  const App& a = it->second;
  return LedgerCounts{.sent = a.sent, .acked = a.acked.Count() + a.acked_without_offset, .failed = a.failed.Count()};
}

void Ledger::Audit::Record(const TopicPartition& tp, std::optional<std::string_view> key, std::string_view value) {
  const std::optional<LedgerRecordId> id = ParseLedgerValue(value);
  if (!id || !ledger_.HasApp(id->app)) return;
  auto it = seen_.find(id->app);
  if (it == seen_.end()) it = seen_.emplace(std::string(id->app), Seen()).first;
  Seen& seen = it->second;
  ++seen.stored;
  if (seen.present.Contains(id->n)) {
    ++seen.duplicated;
    return;
  }
  seen.present.Add(id->n);
  auto [last, inserted] = last_by_key_.emplace(OrderScope(id->app, tp, key), id->n);
  if (!inserted) {
    if (id->n < last->second) {
      ++seen.out_of_order;
    } else {
      last->second = id->n;
    }
  }
}

LedgerCounts Ledger::Audit::FinishFor(std::string_view app) const {
  LedgerCounts c = ledger_.CountsFor(app);
  auto a = ledger_.apps_.find(app);
  if (a == ledger_.apps_.end()) return c;
  static const IntervalSet kNone;
  auto it = seen_.find(app);
  const Seen* seen = it == seen_.end() ? nullptr : &it->second;
  if (seen != nullptr) {
    c.stored = seen->stored;
    c.duplicated = seen->duplicated;
    c.out_of_order = seen->out_of_order;
  }
  c.lost = a->second.acked.Count() - a->second.acked.CountIntersection(seen ? seen->present : kNone);
  return c;
}

LedgerCounts Ledger::Audit::Finish() const {
  LedgerCounts total;
  for (const auto& [name, a] : ledger_.apps_) {
    const LedgerCounts c = FinishFor(name);
    total.sent += c.sent;
    total.acked += c.acked;
    total.failed += c.failed;
    total.stored += c.stored;
    total.lost += c.lost;
    total.duplicated += c.duplicated;
    total.out_of_order += c.out_of_order;
  }
  return total;
}

// --- consumer groups ---

void Ledger::OnPolled(std::string_view group, const TopicPartition& tp, int64_t offset, std::string_view value) {
  const std::optional<LedgerRecordId> id = ParseLedgerValue(value);
  if (!id || !HasApp(id->app)) return;
  auto it = groups_.find(group);
  if (it == groups_.end()) it = groups_.emplace(std::string(group), GroupProcessing()).first;
  it->second.OnPolled(tp, offset);
}

bool Ledger::OnProcessed(std::string_view group, const TopicPartition& tp, int64_t offset, std::string_view value) {
  const std::optional<LedgerRecordId> id = ParseLedgerValue(value);
  if (!id || !HasApp(id->app)) return false;
  auto it = groups_.find(group);
  assert(it != groups_.end() && "a record is polled before it is processed");
  return it->second.OnProcessed(tp, offset, id->app, id->n);
}

const GroupProcessing* Ledger::FindGroup(std::string_view group) const {
  auto it = groups_.find(group);
  return it == groups_.end() ? nullptr : &it->second;
}

}  // namespace kafkasim
