#include "sim/script/completion.h"

#include <algorithm>

#include "sim/script/command.h"

namespace kafkasim {

namespace {

void KeepStartingWith(std::vector<std::string>& names, std::string_view prefix) {
  std::erase_if(names, [prefix](const std::string& name) { return !name.starts_with(prefix); });
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

}  // namespace

std::vector<std::string> CompleteWord(const CommandRegistry& commands, std::string_view line) {
  const size_t word_start = line.find_last_of(" \t") == std::string_view::npos ? 0 : line.find_last_of(" \t") + 1;
  const std::string_view word = line.substr(word_start);
  const std::string_view before = line.substr(0, word_start);
  const size_t first = before.find_first_not_of(" \t");
  std::vector<std::string> names;
  if (first == std::string_view::npos) {
    for (const Command* command : commands.All()) names.push_back(command->name());
    // Kafka's scripts are typed with their directory as often as without.
    if (word.starts_with("bin/")) {
      for (std::string& name : names) name = "bin/" + name;
    }
  } else if (word.starts_with("-")) {
    const std::string_view rest = before.substr(first);
    const Command* command = commands.Find(rest.substr(0, rest.find_first_of(" \t")));
    if (command == nullptr) return {};
    names = command->flags();
  }
  KeepStartingWith(names, word);
  return names;
}

}  // namespace kafkasim
