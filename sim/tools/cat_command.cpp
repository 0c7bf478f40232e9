// `cat`, as a lesson uses it beside Kafka's scripts:
//
//   cat config/connect-distributed.properties     print a file: a real one first, else the
//                                                 config file kafkasim ships under that path
//   cat > worker-2.properties                     write the `>` lines that follow to a real file
//   > group.id=connect-cluster                    (`>>` appends), as a shell's cat writes its
//   > listeners=http://localhost:8084             standard input
//
// Files are relative to the working directory, as the Connect file connectors' are.

#include <fstream>

#include <fmt/format.h>

#include "sim/config/config_files.h"
#include "sim/script/session.h"
#include "sim/tools/commands.h"

namespace kafkasim {
namespace {

int PrintFiles(Session& session, const std::vector<std::string>& files, const std::vector<std::string>& input) {
  if (files.empty()) {
    for (const std::string& line : input) session.Print(line);
    return 0;
  }
  int code = 0;
  for (const std::string& file : files) {
    auto text = ReadConfigFile(file);
    if (!text) {
      session.PrintError(fmt::format("cat: {}: No such file or directory", file));
      code = 1;
      continue;
    }
    if (text->ends_with('\n')) text->pop_back();
    session.Print(*text);
  }
  return code;
}

int WriteInput(Session& session, const std::string& file, bool append, const std::vector<std::string>& input) {
  std::ofstream out(file, append ? std::ios::app | std::ios::binary : std::ios::trunc | std::ios::binary);
  if (!out) {
    session.PrintError(fmt::format("cat: {}: No such file or directory", file));
    return 1;
  }
  for (const std::string& line : input) out << line << '\n';
  return 0;
}

class CatCommand : public Command {
 public:
  std::string name() const override { return "cat"; }
  std::string summary() const override {
    return "print a file (a shipped config too): cat config/server.properties; write the > lines that follow "
           "to a file: cat > worker.properties";
  }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>& input) const override {
    static const std::string kUsage = "Usage: cat [FILE]... | cat > FILE | cat >> FILE  (with > lines to write)\n";
    if (args.size() == 1 && args[0] == "--help") return {.help = kUsage};
    std::vector<std::string> files;
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i] != ">" && args[i] != ">>") {
        if (args[i].starts_with("-")) {
          throw UsageError(fmt::format("cat: unknown option {}\n{}", args[i], kUsage), static_cast<int>(i));
        }
        files.push_back(args[i]);
        continue;
      }
      if (i != 0 || args.size() != 2) {
        throw UsageError("cat writes its input (the > lines that follow) to one file: cat > FILE", static_cast<int>(i));
      }
      const bool append = args[i] == ">>";
      const std::string file = args[i + 1];
      return {.invocation = std::make_unique<InstantInvocation>(
                  [file, append, input](Session& session) { return WriteInput(session, file, append, input); })};
    }
    return {.invocation = std::make_unique<InstantInvocation>(
                [files, input](Session& session) { return PrintFiles(session, files, input); })};
  }
};

}  // namespace

void RegisterCatCommand(Session& session) { session.commands().Register(std::make_unique<CatCommand>()); }

}  // namespace kafkasim
