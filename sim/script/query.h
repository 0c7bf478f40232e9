#pragma once
// What `expect` can ask of the simulation: `expect node broker-0 state == crashed`,
// `expect events partition.isr_shrink >= 1`, `expect time == 30s`. Each part of Kafka registers
// the queries about its state; a query answers with a value printed the way the tools print it
// ("none", "0,1,2", "42") or with an error for the console.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kafkasim {

class Session;

struct QueryError {
  std::string message;
};
using QueryResult = std::variant<std::string, QueryError>;

struct Query {
  std::string name;   // the first word: "node", "events", "partition"
  std::string usage;  // "node NAME state"
  size_t arguments = 0;  // words after the name
  std::function<QueryResult(Session&, const std::vector<std::string>& args)> evaluate;
};

class QueryRegistry {
 public:
  void Register(Query query);
  const Query* Find(std::string_view name) const;
  std::vector<std::string> Names() const;
  std::vector<const Query*> All() const;

 private:
  std::map<std::string, Query, std::less<>> queries_;
};

// The comparison operators of `expect`.
enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };
std::optional<CompareOp> ParseCompareOp(std::string_view word);
std::string_view ToString(CompareOp op);

// Compares an actual value with the expected one: as integers when both are integers, as
// durations when both are durations ("18s" < "1m"), otherwise as text (== and != only).
// Returns an error message when the values cannot be ordered.
std::variant<bool, QueryError> Compare(const std::string& actual, CompareOp op,
                                       const std::string& expected);

}  // namespace kafkasim
