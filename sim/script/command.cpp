#include "sim/script/command.h"

#include <algorithm>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/script/suggest.h"

namespace kafkasim {

void CommandRegistry::Register(std::unique_ptr<Command> command) {
  std::string key = Key(command->name());
  by_key_[std::move(key)] = std::move(command);
}

std::string CommandRegistry::Key(std::string_view typed) {
  const size_t slash = typed.rfind('/');
  if (slash != std::string_view::npos) typed.remove_prefix(slash + 1);
  if (typed.ends_with(".sh")) typed.remove_suffix(3);
  return std::string(typed);
}

const Command* CommandRegistry::Find(std::string_view typed) const {
  auto it = by_key_.find(Key(typed));
  return it == by_key_.end() ? nullptr : it->second.get();
}

std::optional<std::string> CommandRegistry::Suggest(std::string_view typed) const {
  std::vector<std::string> names;
  for (const auto& [key, command] : by_key_) names.push_back(key);
  std::optional<std::string> nearest = NearestName(Key(typed), names);
  if (!nearest) return std::nullopt;
  return Find(*nearest)->name();
}

std::vector<const Command*> CommandRegistry::All() const {
  std::vector<const Command*> all;
  for (const auto& [key, command] : by_key_) all.push_back(command.get());
  return all;
}

int WordIndex(const std::vector<std::string>& args, std::string_view word) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == word || args[i].starts_with(std::string(word) + "=")) return static_cast<int>(i);
  }
  return -1;
}

ParsedCommand CliCommand::Parse(const std::vector<std::string>& args,
                                const std::vector<std::string>& input) const {
  CLI::App app(summary(), name());
  Builder build = Define(app);
  if (!ParseFlags(app, args)) return ParsedCommand{.help = app.help()};
  return ParsedCommand{.invocation = build(args, input)};
}

namespace {

std::vector<std::string> FlagNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

}  // namespace

std::vector<std::string> CliCommand::flags() const {
  CLI::App app(summary(), name());
  Define(app);
  return FlagNames(app);
}

namespace {

// CLI11 says only "a subcommand is required" when the first word is a misspelt subcommand.
void CheckSubcommand(const CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  if (names.empty()) return;
  if (args.empty()) throw UsageError(fmt::format("say what to do: {}", fmt::join(names, ", ")));
  if (args[0].starts_with("-") || std::find(names.begin(), names.end(), args[0]) != names.end()) return;
  std::string message = fmt::format("unknown subcommand '{}'", args[0]);
  if (auto nearest = NearestName(args[0], names)) {
    message += fmt::format("; did you mean '{}'?", *nearest);
  } else {
    message += fmt::format(" (one of: {})", fmt::join(names, ", "));
  }
  throw UsageError(message, 0);
}

}  // namespace

bool ParseFlags(CLI::App& app, const std::vector<std::string>& args) {
  CheckSubcommand(app, args);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 pops from the back
  try {
    app.parse(reversed);
    return true;
  } catch (const CLI::CallForHelp&) {
    return false;
  } catch (const CLI::CallForAllHelp&) {
    return false;
  } catch (const CLI::ExtrasError&) {
    // Blame an unknown option before the values it left stranded behind it.
    const std::vector<std::string> extras = app.remaining(true);
    std::string extra = extras.empty() ? std::string() : extras.front();
    for (const std::string& e : extras) {
      if (e.starts_with("-")) {
        extra = e;
        break;
      }
    }
    const int index = WordIndex(args, extra);
    if (extra.starts_with("-")) {
      const std::string flag = extra.substr(0, extra.find('='));
      std::string message = fmt::format("unknown option '{}'", flag);
      if (auto nearest = NearestName(flag, FlagNames(app))) {
        message += fmt::format("; did you mean '{}'?", *nearest);
      }
      throw UsageError(message, index);
    }
    throw UsageError(fmt::format("unexpected argument '{}'", extra), index);
  } catch (const CLI::ParseError& e) {
    // Name the word CLI11 complained about when its message quotes one.
    std::string message = e.what();
    int index = -1;
    for (size_t i = 0; i < args.size() && index < 0; ++i) {
      if (!args[i].empty() && message.find(args[i]) != std::string::npos) index = static_cast<int>(i);
    }
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    throw UsageError(message, index);
  }
}

}  // namespace kafkasim
