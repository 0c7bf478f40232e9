// The ledger: compact sets of record numbers and offsets, and what an audit of the stored
// records concludes (lost, duplicated, out of order).

#include <catch2/catch.hpp>

#include "sim/ledger/interval_set.h"
#include "sim/ledger/ledger.h"

namespace kafkasim {
namespace {

TEST_CASE("an interval set merges what touches and counts without one entry per member") {
  IntervalSet s;
  for (uint64_t i = 1; i <= 100000; ++i) s.Add(i);
  CHECK(s.Count() == 100000);
  CHECK(s.range_count() == 1);
  s.Add(100005);
  s.Add(100003, 100004);
  CHECK(s.range_count() == 2);
  s.Add(100001, 100002);
  CHECK(s.range_count() == 1);
  CHECK(s.Count() == 100005);
  CHECK(s.Contains(50000));
  CHECK_FALSE(s.Contains(0));
  CHECK_FALSE(s.Contains(100006));
}

TEST_CASE("an interval set counts from a value, erases from it, and intersects") {
  IntervalSet s;
  s.Add(10, 19);
  s.Add(30, 39);
  CHECK(s.CountFrom(15) == 15);
  CHECK(s.CountFrom(40) == 0);
  IntervalSet t;
  t.Add(5, 12);
  t.Add(35, 100);
  CHECK(s.CountIntersection(t) == 3 + 5);
  s.EraseFrom(15);
  CHECK(s.Count() == 5);
  CHECK(s.max() == 14);
  s.Add(12, 11 + 1);  // already there
  CHECK(s.Count() == 5);
}

TEST_CASE("a ledger value starts with the app and the record number, padded to its size") {
  CHECK(LedgerValue("orders-app", 17, 20) == "orders-app#17.......");
  CHECK(LedgerValue("orders-app", 17, 3) == "orders-app#17");
  const auto id = ParseLedgerValue("orders-app#17.......");
  REQUIRE(id);
  CHECK(id->app == "orders-app");
  CHECK(id->n == 17);
  CHECK_FALSE(ParseLedgerValue("hello"));
  CHECK_FALSE(ParseLedgerValue("#5"));
  CHECK_FALSE(ParseLedgerValue("app#x"));
}

struct Story {
  Ledger ledger;
  const TopicPartition p0{"orders", 0};
  Story() { ledger.RegisterApp("app", -1); }
  std::optional<LedgerOrderBreak> SendAndAck(uint64_t n, int64_t offset, const TopicPartition& tp,
                                             std::optional<std::string_view> key = "k") {
    ledger.OnSent("app", n);
    return ledger.OnAcked("app", n, tp, offset, key);
  }
  LedgerCounts Audit(const std::vector<std::pair<std::string, uint64_t>>& stored) {
    Ledger::Audit audit(ledger);
    for (const auto& [key, n] : stored) audit.Record(p0, key, LedgerValue("app", n, 10));
    return audit.Finish();
  }
};

TEST_CASE("every acknowledged record stored once and in order: nothing lost, duplicated or reordered") {
  Story s;
  for (uint64_t n = 1; n <= 4; ++n) s.SendAndAck(n, static_cast<int64_t>(n - 1), s.p0);
  const LedgerCounts c = s.Audit({{"k", 1}, {"k", 2}, {"k", 3}, {"k", 4}});
  CHECK(c.sent == 4);
  CHECK(c.acked == 4);
  CHECK(c.stored == 4);
  CHECK(c.lost == 0);
  CHECK(c.duplicated == 0);
  CHECK(c.out_of_order == 0);
}

TEST_CASE("an acknowledged record missing from the log is lost; one never acknowledged is not") {
  Story s;
  s.SendAndAck(1, 0, s.p0);
  s.SendAndAck(2, 1, s.p0);
  s.ledger.OnSent("app", 3);  // never acknowledged
  const LedgerCounts c = s.Audit({{"k", 1}});
  CHECK(c.lost == 1);
  CHECK(c.sent == 3);
}

TEST_CASE("a second copy is a duplicate, and a record after a later one of its key is out of order") {
  Story s;
  for (uint64_t n = 1; n <= 3; ++n) s.SendAndAck(n, static_cast<int64_t>(n - 1), s.p0);
  CHECK(s.Audit({{"k", 1}, {"k", 2}, {"k", 1}, {"k", 3}}).duplicated == 1);
  CHECK(s.Audit({{"k", 1}, {"k", 2}, {"k", 1}, {"k", 3}}).out_of_order == 0);
  CHECK(s.Audit({{"k", 2}, {"k", 1}, {"k", 3}}).out_of_order == 1);
  // Order is per key: another key's records may interleave in any order.
  CHECK(s.Audit({{"a", 2}, {"b", 1}, {"a", 3}}).out_of_order == 0);
}

TEST_CASE("an acknowledgement that stores a record after a later-sent one of its key reports the break at once") {
  Story s;
  // Records 1-3 of key k: 2 and 3 are written first (offsets 0, 1), 1 is retried behind them.
  CHECK_FALSE(s.SendAndAck(2, 0, s.p0));
  CHECK_FALSE(s.SendAndAck(3, 1, s.p0));
  const std::optional<LedgerOrderBreak> broken = s.SendAndAck(1, 2, s.p0);
  REQUIRE(broken);
  CHECK(broken->later == 3);
  CHECK(broken->later_offset == 1);
  // Acknowledgements that arrive out of order but name offsets in order break nothing.
  CHECK_FALSE(s.SendAndAck(5, 4, s.p0));
  CHECK_FALSE(s.SendAndAck(4, 3, s.p0));
  // Another key, or no key on another partition, is another order.
  CHECK_FALSE(s.SendAndAck(6, 5, s.p0, "other"));
  CHECK_FALSE(s.SendAndAck(7, 0, {"orders", 1}, std::nullopt));
  // The audit of the same log agrees: one record stored after a later one.
  CHECK(s.Audit({{"k", 2}, {"k", 3}, {"k", 1}}).out_of_order == 1);
}

TEST_CASE("a leader elected below acknowledged offsets loses them, and says how many were acks=1") {
  Ledger ledger;
  ledger.RegisterApp("fast", 1);
  ledger.RegisterApp("safe", -1);
  const TopicPartition tp{"orders", 0};
  for (uint64_t n = 1; n <= 3; ++n) {
    ledger.OnSent("safe", n);
    ledger.OnAcked("safe", n, tp, static_cast<int64_t>(n - 1), std::nullopt);  // offsets 0-2
  }
  for (uint64_t n = 1; n <= 2; ++n) {
    ledger.OnSent("fast", n);
    ledger.OnAcked("fast", n, tp, static_cast<int64_t>(n + 2), std::nullopt);  // offsets 3-4
  }
  const LedgerLoss loss = ledger.OnLeaderElected(tp, 2);
  CHECK(loss.records == 3);
  CHECK(loss.first_offset == 2);
  CHECK(loss.last_offset == 4);
  CHECK(loss.acked_by_leader_only == 2);
  // Once counted, the same offsets are not lost again at the next election.
  CHECK(ledger.OnLeaderElected(tp, 0).records == 2);
  CHECK(ledger.OnLeaderElected({"orders", 1}, 0).records == 0);
}

TEST_CASE("a deleted topic's records are not lost at the elections of a topic created again under its name") {
  Ledger ledger;
  ledger.RegisterApp("safe", -1);
  const TopicPartition tp{"orders", 0};
  for (uint64_t n = 1; n <= 3; ++n) {
    ledger.OnSent("safe", n);
    ledger.OnAcked("safe", n, tp, static_cast<int64_t>(n - 1), std::nullopt);
  }
  ledger.OnTopicDeleted("orders-archive");  // another topic: nothing changes
  ledger.OnTopicDeleted("orders");
  CHECK(ledger.OnLeaderElected(tp, 0).records == 0);
  CHECK(ledger.lost_at_elections() == 0);
}

TEST_CASE("records of producers the ledger does not know are not audited") {
  Story s;
  Ledger::Audit audit(s.ledger);
  audit.Record(s.p0, std::nullopt, "hello");
  audit.Record(s.p0, std::nullopt, LedgerValue("stranger", 1, 10));
  CHECK(audit.Finish().stored == 0);
}

}  // namespace
}  // namespace kafkasim
