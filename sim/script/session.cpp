#include "sim/script/session.h"

#include <fmt/format.h>

#include "sim/script/builtin_commands.h"
#include "sim/script/suggest.h"

namespace kafkasim {

Session::Session(SessionOptions options)
    : sim_(SimulationOptions{.seed = options.seed}) {
  RegisterBuiltinCommands(commands_, queries_);
  RegisterBuiltinQueries(queries_);
}

Session::~Session() = default;

void Session::Start(Invocation& invocation, std::function<void(int)> done) {
  invocation.Start(*this, [this, done = std::move(done)](int exit_code) {
    last_exit_code_ = exit_code;
    done(exit_code);
  });
}

void Session::Output(std::string_view stream, std::string_view text) {
  // One event a line, as a terminal shows them.
  std::string_view rest = text;
  if (rest.ends_with('\n')) rest.remove_suffix(1);
  while (true) {
    const size_t newline = rest.find('\n');
    const std::string line(rest.substr(0, newline));
    TraceEvent event{.time = sim_.now(), .kind = "script.output", .narration = line};
    event.fields["stream"] = std::string(stream);
    event.fields["text"] = line;
    sim_.trace().Emit(std::move(event));
    if (newline == std::string_view::npos) break;
    rest.remove_prefix(newline + 1);
  }
}

void Session::BeginCommand(const std::string& text, const SourceLocation& source, Duration late_by) {
  TraceEvent event{.time = sim_.now(), .kind = "script.command", .narration = "$ " + text};
  event.fields["line"] = text;
  event.fields["source"] = fmt::format("{}:{}", source.file, source.line);
  if (late_by > Duration()) event.fields["late_by_us"] = late_by.micros();
  sim_.trace().set_context(sim_.trace().Emit(std::move(event)));
  source_ = source;
}

void Session::Narrate(std::string_view text) {
  TraceEvent event{.time = sim_.now(), .kind = "script.narrate", .narration = std::string(text)};
  if (source_.line > 0) event.fields["source"] = fmt::format("{}:{}", source_.file, source_.line);
  sim_.trace().Emit(std::move(event));
}

TraceSeq Session::Emit(std::string kind, std::string node, std::string narration,
                       nlohmann::ordered_json fields) {
  return sim_.trace().Emit(TraceEvent{.time = sim_.now(), .kind = std::move(kind), .node = std::move(node),
                                      .fields = std::move(fields), .narration = std::move(narration)});
}

void Session::RecordExpectation(ExpectationOutcome outcome) {
  TraceEvent event{.time = sim_.now(), .kind = "script.expect"};
  event.fields["query"] = outcome.query;
  event.fields["op"] = outcome.op;
  event.fields["expected"] = outcome.expected;
  event.fields["actual"] = outcome.actual;
  event.fields["ok"] = outcome.ok;
  if (outcome.location.line > 0) {
    event.fields["source"] = fmt::format("{}:{}", outcome.location.file, outcome.location.line);
  }
  const std::string claim = fmt::format("expect {} {} {}", outcome.query, outcome.op, outcome.expected);
  event.narration = outcome.ok ? claim + " holds" : fmt::format("{} failed: got {}", claim, outcome.actual);
  sim_.trace().Emit(std::move(event));
  expectations_.push_back(std::move(outcome));
}

// The trace counts every event by kind, whether a sink wanted it or not.
uint64_t Session::CountEvents(std::string_view kind) const { return sim_.trace().Count(kind); }

std::string Session::UnknownNodeMessage(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& node : sim_.nodes()) names.push_back(node->name());
  std::string message = fmt::format("no node named '{}'", name);
  if (auto nearest = NearestName(name, names)) {
    message += fmt::format("; did you mean '{}'?", *nearest);
  } else if (names.empty()) {
    message += " (no node has been started yet)";
  } else {
    message += fmt::format(" (nodes: {})", fmt::join(names, ", "));
  }
  return message;
}

}  // namespace kafkasim
