// The `expect` queries about clients:
//   producer NAME sent|acked|errors|retries   → counts of records (retries: batches sent again)
// NAME is the producer's node (console-producer-1). The counts outlive the process.

#include <fmt/format.h>

#include "sim/script/session.h"
#include "sim/tools/client_part.h"
#include "sim/tools/commands.h"

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
  return QueryError{fmt::format("unknown property '{}': try sent, acked, errors or retries", a[1])};
}

}  // namespace

void RegisterClientQueries(Session& session) {
  session.queries().Register({.name = "producer", .usage = "producer NAME sent|acked|errors|retries", .arguments = 2,
                              .evaluate = ProducerQuery});
}

}  // namespace kafkasim
