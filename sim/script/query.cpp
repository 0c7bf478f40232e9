#include "sim/script/query.h"

#include <charconv>

#include <fmt/format.h>

#include "sim/core/time.h"

namespace kafkasim {

void QueryRegistry::Register(Query query) {
  std::string name = query.name;
  queries_[std::move(name)] = std::move(query);
}

const Query* QueryRegistry::Find(std::string_view name) const {
  auto it = queries_.find(name);
  return it == queries_.end() ? nullptr : &it->second;
}

std::vector<std::string> QueryRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, query] : queries_) names.push_back(name);
  return names;
}

std::vector<const Query*> QueryRegistry::All() const {
  std::vector<const Query*> all;
  for (const auto& [name, query] : queries_) all.push_back(&query);
  return all;
}

std::optional<CompareOp> ParseCompareOp(std::string_view word) {
  if (word == "==") return CompareOp::kEq;
  if (word == "!=") return CompareOp::kNe;
  if (word == "<") return CompareOp::kLt;
  if (word == "<=") return CompareOp::kLe;
  if (word == ">") return CompareOp::kGt;
  if (word == ">=") return CompareOp::kGe;
  return std::nullopt;
}

std::string_view ToString(CompareOp op) {
  switch (op) {
    case CompareOp::kEq: return "==";
    case CompareOp::kNe: return "!=";
    case CompareOp::kLt: return "<";
    case CompareOp::kLe: return "<=";
    case CompareOp::kGt: return ">";
    case CompareOp::kGe: return ">=";
  }
  return "?";
}

namespace {

std::optional<int64_t> AsInteger(const std::string& text) {
  int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return v;
}

template <typename T>
bool Holds(const T& a, CompareOp op, const T& b) {
  switch (op) {
    case CompareOp::kEq: return a == b;
    case CompareOp::kNe: return a != b;
    case CompareOp::kLt: return a < b;
    case CompareOp::kLe: return a <= b;
    case CompareOp::kGt: return a > b;
    case CompareOp::kGe: return a >= b;
  }
  return false;
}

}  // namespace

std::variant<bool, QueryError> Compare(const std::string& actual, CompareOp op,
                                       const std::string& expected) {
  auto a = AsInteger(actual), e = AsInteger(expected);
  if (a && e) return Holds(*a, op, *e);
  auto ad = ParseDuration(actual), ed = ParseDuration(expected);
  if (ad && ed) return Holds(*ad, op, *ed);
  if (op == CompareOp::kEq || op == CompareOp::kNe) return Holds(actual, op, expected);
  return QueryError{fmt::format("cannot order '{}' and '{}': {} compares numbers or durations",
                                actual, expected, ToString(op))};
}

}  // namespace kafkasim
