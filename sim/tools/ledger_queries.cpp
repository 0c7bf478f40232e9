// The `expect` queries about the ledger of records the producer apps sent:
//   records sent|acked|failed|stored|lost|duplicated|out-of-order
// `stored`, `lost`, `duplicated` and `out-of-order` audit the partitions' logs as they are now
// (ledger_part.h says which replica's log counts).

#include <fmt/format.h>

#include "sim/script/session.h"
#include "sim/tools/commands.h"
#include "sim/tools/ledger_part.h"

namespace kafkasim {
namespace {

QueryResult RecordsQuery(Session& s, const std::vector<std::string>& a) {
  const std::string& what = a[0];
  LedgerPart& part = s.part<LedgerPart>();
  const bool audit = what == "stored" || what == "lost" || what == "duplicated" || what == "out-of-order";
  const LedgerCounts c = audit ? part.Audit() : part.ledger().Counts();
  if (what == "sent") return std::to_string(c.sent);
  if (what == "acked") return std::to_string(c.acked);
  if (what == "failed") return std::to_string(c.failed);
  if (what == "stored") return std::to_string(c.stored);
  if (what == "lost") return std::to_string(c.lost);
  if (what == "duplicated") return std::to_string(c.duplicated);
  if (what == "out-of-order") return std::to_string(c.out_of_order);
  return QueryError{fmt::format("unknown property '{}': try sent, acked, failed, stored, lost, duplicated or "
                                "out-of-order",
                                what)};
}

}  // namespace

void RegisterLedgerQueries(Session& session) {
  session.queries().Register({.name = "records",
                              .usage = "records sent|acked|failed|stored|lost|duplicated|out-of-order",
                              .arguments = 1,
                              .evaluate = RecordsQuery});
}

}  // namespace kafkasim
