// `echo` as a lesson uses it to feed a FileStreamSource: `echo "a line" >> test.txt` appends a
// line to a real file (relative to the working directory), `> FILE` replaces the file, and
// without a redirection the words are printed. -n leaves out the final newline, so
// `echo -n > test.sink.txt` empties a file. `$?` is the exit code of the command before, as in a
// shell (`echo $?` prints 137 after a tool was killed).

#include <fstream>

#include <fmt/format.h>

#include "sim/connect/commands.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

class EchoCommand : public Command {
 public:
  std::string name() const override { return "echo"; }
  std::string summary() const override { return "print words, or write them to a real file: echo \"a line\" >> test.txt"; }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    if (args.size() == 1 && args[0] == "--help") {
      return {.help = "Usage: echo [-n] [WORD]... [> FILE | >> FILE]\n"};
    }
    bool newline = true;
    size_t i = 0;
    if (i < args.size() && args[i] == "-n") {
      newline = false;
      ++i;
    }
    std::vector<std::string> words;
    std::string file;
    bool append = false;
    for (; i < args.size(); ++i) {
      if (args[i] == ">" || args[i] == ">>") {
        if (i + 1 != args.size() - 1) {
          throw UsageError("a redirection takes one file name, at the end of the line", static_cast<int>(i));
        }
        append = args[i] == ">>";
        file = args[i + 1];
        break;
      }
      words.push_back(args[i]);
    }
    std::string written = fmt::format("{}", fmt::join(words, " "));
    return {.invocation = std::make_unique<InstantInvocation>([written, newline, file, append](Session& session) {
      std::string text = written;
      const std::string status = std::to_string(session.last_exit_code());
      for (size_t at = text.find("$?"); at != std::string::npos; at = text.find("$?", at + status.size())) {
        text.replace(at, 2, status);
      }
      if (file.empty()) {
        session.Print(text);
        return 0;
      }
      std::ofstream out(file, append ? std::ios::app | std::ios::binary : std::ios::trunc | std::ios::binary);
      if (!out) {
        session.PrintError(fmt::format("echo: {}: No such file or directory", file));
        return 1;
      }
      out << text;
      if (newline) out << '\n';
      return 0;
    })};
  }
};

}  // namespace

void RegisterEchoCommand(Session& session) { session.commands().Register(std::make_unique<EchoCommand>()); }

}  // namespace kafkasim
