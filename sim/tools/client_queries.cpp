// The `expect` queries about clients:
//   producer NAME sent|acked|errors|retries   → counts of records (retries: batches sent again)
//   producer NAME lost|duplicated|out-of-order|stored → for a producer app, the ledger's audit of
//                                               its records (ledger_part.h)
// NAME is the producer's node (console-producer-1). The counts outlive the process.

#include <fmt/format.h>

#include "sim/script/session.h"
#include "sim/tools/client_part.h"
#include "sim/tools/commands.h"
#include "sim/tools/ledger_part.h"

namespace kafkasim {
namespace {

QueryResult ProducerQuery(Session& s, const std::vector<std::string>& a) {
  const ProducerStats* stats = s.part<ClientPart>().FindProducer(a[0]);
  if (stats == nullptr) {
    std::vector<std::string> names;
    for (const auto& [name, st] : s.part<ClientPart>().producers()) names.push_back(name);
    return QueryError{fmt::format("no producer named '{}' (producers: {})", a[0],
                                  names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", ")))};
  }
  if (a[1] == "sent") return std::to_string(stats->sent);
  if (a[1] == "acked") return std::to_string(stats->acked);
  if (a[1] == "errors") return std::to_string(stats->failed);
  if (a[1] == "retries") return std::to_string(stats->retries);
  const bool audit = a[1] == "lost" || a[1] == "duplicated" || a[1] == "out-of-order" || a[1] == "stored";
  if (audit) {
    LedgerPart& ledger = s.part<LedgerPart>();
    if (!ledger.ledger().HasApp(a[0])) {
      return QueryError{fmt::format("{} is not a producer app (`producer start`): the ledger does not follow its "
                                    "records",
                                    a[0])};
    }
    Ledger::Audit result(ledger.ledger());
    ledger.Feed(result);
    const LedgerCounts c = result.FinishFor(a[0]);
    if (a[1] == "lost") return std::to_string(c.lost);
    if (a[1] == "duplicated") return std::to_string(c.duplicated);
    if (a[1] == "out-of-order") return std::to_string(c.out_of_order);
    return std::to_string(c.stored);
  }
  return QueryError{fmt::format("unknown property '{}': try sent, acked, errors, retries, lost, duplicated, "
                                "out-of-order or stored",
                                a[1])};
}

}  // namespace

void RegisterClientQueries(Session& session) {
  session.queries().Register({.name = "producer", .usage = "producer NAME sent|acked|errors|retries|lost|duplicated|out-of-order|stored", .arguments = 2,
                              .evaluate = ProducerQuery});
}

}  // namespace kafkasim
