#pragma once
// Tab completion for the interactive console: what the word under the cursor may become. The
// first word completes to a command's name, later words starting with '-' to that command's
// flags. Kept apart from the terminal (sim/cli/line_editor.cpp) so that it can be tested.

#include <string>
#include <string_view>
#include <vector>

namespace kafkasim {

class CommandRegistry;

// The candidates for the last word of `line` (the text before the cursor), sorted and unique.
// Empty when nothing fits or the word is neither a command name nor a flag.
std::vector<std::string> CompleteWord(const CommandRegistry& commands, std::string_view line);

}  // namespace kafkasim
