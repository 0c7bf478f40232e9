// `expect QUERY OP VALUE`: a check a scenario or lesson makes of the simulation's state, e.g.
//   expect node broker-0 state == crashed
//   expect events partition.isr_shrink >= 1
// A failed expectation does not stop the scenario: every one is evaluated and reported.

#include <fmt/format.h>

#include "sim/script/builtin_commands.h"
#include "sim/script/session.h"
#include "sim/script/suggest.h"

namespace kafkasim {
namespace {

class ExpectCommand : public Command {
 public:
  explicit ExpectCommand(const QueryRegistry* queries) : queries_(queries) {}
  std::string name() const override { return "expect"; }
  std::string summary() const override { return "check the simulation's state: expect QUERY OP VALUE"; }

  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) return {.help = Help()};
    if (args.empty()) throw UsageError("expect needs a query, an operator and a value: " + Example());
    const Query* query = queries_->Find(args[0]);
    if (query == nullptr) {
      std::string message = fmt::format("unknown query '{}'", args[0]);
      if (auto nearest = NearestName(args[0], queries_->Names())) {
        message += fmt::format("; did you mean '{}'?", *nearest);
      } else {
        message += fmt::format(" (queries: {})", fmt::join(queries_->Names(), ", "));
      }
      throw UsageError(message, 0);
    }
    const size_t op_index = 1 + query->arguments;
    if (args.size() <= op_index) {
      throw UsageError(fmt::format("incomplete expectation: write expect {} OP VALUE", query->usage));
    }
    const auto op = ParseCompareOp(args[op_index]);
    if (!op) {
      throw UsageError(fmt::format("'{}' is not an operator: use ==, !=, <, <=, > or >= (usage: expect {} OP "
                                   "VALUE)", args[op_index], query->usage),
                       static_cast<int>(op_index));
    }
    if (args.size() == op_index + 1) throw UsageError(fmt::format("nothing to compare with after '{}'", args[op_index]));
    std::vector<std::string> query_args(args.begin() + 1, args.begin() + static_cast<long>(op_index));
    std::vector<std::string> value(args.begin() + static_cast<long>(op_index) + 1, args.end());
    const std::string query_text =
        fmt::format("{}", fmt::join(args.begin(), args.begin() + static_cast<long>(op_index), " "));
    return {.invocation = std::make_unique<Check>(query, std::move(query_args), *op,
                                                  fmt::format("{}", fmt::join(value, " ")), query_text)};
  }

 private:
  class Check : public Invocation {
   public:
    Check(const Query* query, std::vector<std::string> args, CompareOp op, std::string expected,
          std::string query_text)
        : query_(query), args_(std::move(args)), op_(op), expected_(std::move(expected)),
          query_text_(std::move(query_text)) {}

    void Start(Session& session, std::function<void(int)> done) override {
      ExpectationOutcome outcome{.location = session.source(), .query = query_text_,
                                 .op = std::string(ToString(op_)), .expected = expected_};
      QueryResult result = query_->evaluate(session, args_);
      if (const auto* error = std::get_if<QueryError>(&result)) {
        outcome.actual = "error: " + error->message;
      } else {
        outcome.actual = std::get<std::string>(result);
        auto verdict = Compare(outcome.actual, op_, expected_);
        if (const auto* error = std::get_if<QueryError>(&verdict)) {
          outcome.actual += " (" + error->message + ")";
        } else {
          outcome.ok = std::get<bool>(verdict);
        }
      }
      const bool ok = outcome.ok;
      session.RecordExpectation(std::move(outcome));
      done(ok ? 0 : 1);
    }

   private:
    const Query* query_;
    std::vector<std::string> args_;
    CompareOp op_;
    std::string expected_;
    std::string query_text_;
  };

  std::string Example() const { return "expect node broker-0 state == crashed"; }
  std::string Help() const {
    std::string help = fmt::format("{}\nUsage: expect QUERY OP VALUE   (OP is ==, !=, <, <=, > or >=)\n"
                                   "Example: {}\nQueries:\n", summary(), Example());
    for (const Query* q : queries_->All()) help += fmt::format("  {}\n", q->usage);
    return help;
  }

  const QueryRegistry* queries_;
};

}  // namespace

std::unique_ptr<Command> MakeExpectCommand(const QueryRegistry& queries) {
  return std::make_unique<ExpectCommand>(&queries);
}

}  // namespace kafkasim
