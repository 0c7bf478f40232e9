#include "sim/tools/command_line_utils.h"

#include <fmt/format.h>

#include "sim/script/command.h"

namespace kafkasim {

std::pair<std::string, std::string> ParseKeyValueArg(const std::string& arg) {
  const size_t eq = arg.find('=');
  if (eq == std::string::npos) throw UsageError(fmt::format("Invalid command line properties: {}", arg));
  return {arg.substr(0, eq), arg.substr(eq + 1)};
}

}  // namespace kafkasim
