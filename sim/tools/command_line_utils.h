#pragma once
// What Kafka's tools share through CommandLineUtils: reading `--property key=value` arguments.

#include <string>
#include <utility>

namespace kafkasim {

// "print.key=true" -> {"print.key", "true"}; the value may itself hold '='. Throws UsageError
// with the tool's message when there is no '='.
std::pair<std::string, std::string> ParseKeyValueArg(const std::string& arg);

}  // namespace kafkasim
