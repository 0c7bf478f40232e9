#pragma once
// The keyboard side of `kafkasim shell`: editing with the arrow keys, history (up and down,
// Ctrl-R) and Tab completion of command names and flags, through libedit's readline interface.
// Only for a terminal; a pipe or a file is read line by line (StreamLines).

#include "sim/script/shell.h"

namespace kafkasim {

class CommandRegistry;

// Lines typed at the terminal. `commands` must outlive the returned source.
LineSource TerminalLines(const CommandRegistry& commands);

}  // namespace kafkasim
