#include "sim/script/dispatch.h"

#include <cassert>

#include <fmt/format.h>

#include "sim/script/session.h"

namespace kafkasim {

std::unique_ptr<Invocation> ParseStep(const CommandRegistry& commands, const ScenarioStep& step) {
  assert(!step.words.empty());
  const Word& head = step.words.front();
  auto error_at = [&](int column, std::string message) {
    SourceLocation location = step.location;
    location.column = column;
    return ScriptError(location, std::move(message), step.source_line);
  };

  const Command* command = commands.Find(head.text);
  if (command == nullptr) {
    std::string message = fmt::format("unknown command '{}'", head.text);
    if (auto nearest = commands.Suggest(head.text)) {
      message += fmt::format("; did you mean '{}'?", *nearest);
    } else {
      message += " (type 'help' for the list)";
    }
    throw error_at(head.column, message);
  }

  std::vector<std::string> args;
  for (size_t i = 1; i < step.words.size(); ++i) args.push_back(step.words[i].text);
  try {
    ParsedCommand parsed = command->Parse(args, step.input);
    if (parsed.invocation) return std::move(parsed.invocation);
    return std::make_unique<InstantInvocation>([help = parsed.help](Session& s) {
      s.Print(help);
      return 0;
    });
  } catch (const UsageError& e) {
    const bool names_word = e.word() >= 0 && static_cast<size_t>(e.word()) + 1 < step.words.size();
    const int column = names_word ? step.words[e.word() + 1].column : head.column;
    throw error_at(column, fmt::format("{}: {}", command->name(), e.what()));
  }
}

}  // namespace kafkasim
