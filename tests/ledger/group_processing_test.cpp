// What a consumer group did with the ledger's records: processed, processed twice, and skipped
// by committing past them (sim/ledger/group_processing.h).

#include <catch2/catch.hpp>

#include "sim/ledger/group_processing.h"
#include "sim/ledger/ledger.h"

namespace kafkasim {
namespace {

const TopicPartition kP0{"orders", 0};
const TopicPartition kP1{"orders", 1};

// Record n of app "shop" sits at offset n - 1 of orders-0.
struct Group {
  Ledger ledger;
  Group() { ledger.RegisterApp("shop", -1); }
  void Poll(int64_t first, int64_t last) {
    for (int64_t o = first; o <= last; ++o) ledger.OnPolled("billing", kP0, o, LedgerValue("shop", o + 1, 10));
  }
  uint64_t Process(int64_t first, int64_t last) {
    uint64_t again = 0;
    for (int64_t o = first; o <= last; ++o) {
      again += ledger.OnProcessed("billing", kP0, o, LedgerValue("shop", o + 1, 10));
    }
    return again;
  }
  GroupCounts Counts(int64_t committed) const { return ledger.FindGroup("billing")->Counts({{kP0, committed}}); }
};

TEST_CASE("a group that processes and commits everything processed each record once and lost none") {
  Group g;
  g.Poll(0, 19);
  CHECK(g.Process(0, 19) == 0);
  const GroupCounts c = g.Counts(20);
  CHECK(c.processed == 20);
  CHECK(c.duplicated == 0);
  CHECK(c.lost == 0);
}

TEST_CASE("at-least-once: records processed again after a crash before the commit are duplicates") {
  Group g;
  g.Poll(0, 9);
  g.Process(0, 9);  // committed 10
  g.Poll(10, 19);
  g.Process(10, 14);  // crash: 10..14 processed, not committed
  CHECK(g.ledger.FindGroup("billing")->ProcessedFrom(kP0, 10) == std::vector<OffsetRange>{{10, 14}});
  g.Poll(10, 19);  // the restarted app resumes at the committed offset 10
  CHECK(g.Process(10, 19) == 5);
  const GroupCounts c = g.Counts(20);
  CHECK(c.processed == 20);
  CHECK(c.duplicated == 5);
  CHECK(c.lost == 0);
}

TEST_CASE("at-most-once: records committed but not processed before a crash are lost to the group") {
  Group g;
  g.Poll(0, 9);
  g.Process(0, 9);
  g.Poll(10, 19);  // committed 20 first
  g.Process(10, 12);  // crash
  CHECK(g.ledger.FindGroup("billing")->UnprocessedBelow(kP0, 20) == std::vector<OffsetRange>{{13, 19}});
  g.Poll(20, 24);
  g.Process(20, 24);
  const GroupCounts c = g.Counts(25);
  CHECK(c.processed == 18);
  CHECK(c.duplicated == 0);
  CHECK(c.lost == 7);
  // Polled but not processed at or above the committed offset is not lost: it comes again.
  CHECK(g.Counts(13).lost == 0);
  CHECK(g.Counts(-1).lost == 0);
}

TEST_CASE("records that are not the ledger's are ignored, and groups and partitions are apart") {
  Group g;
  g.ledger.OnPolled("billing", kP0, 0, "hello");
  CHECK(g.ledger.FindGroup("billing") == nullptr);
  g.ledger.OnPolled("billing", kP1, 0, LedgerValue("shop", 100, 10));
  g.ledger.OnPolled("audit", kP0, 0, LedgerValue("shop", 1, 10));
  CHECK_FALSE(g.ledger.OnProcessed("billing", kP1, 0, LedgerValue("shop", 100, 10)));
  CHECK(g.ledger.FindGroup("billing")->Counts({{kP0, 5}, {kP1, 1}}).processed == 1);
  CHECK(g.ledger.FindGroup("billing")->Counts({{kP0, 5}, {kP1, 1}}).lost == 0);
  CHECK(g.ledger.FindGroup("audit")->Counts({{kP0, 1}}).lost == 1);
}

TEST_CASE("offset ranges print as a teacher writes them") {
  CHECK(FormatOffsetRanges({{10, 19}, {25, 25}}) == "10..19, 25");
  CHECK(FormatOffsetRanges({}).empty());
}

}  // namespace
}  // namespace kafkasim
