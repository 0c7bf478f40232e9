// bin/kafka-dump-log.sh --files PATH[,PATH...] [--print-data-log] [--deep-iteration]: prints a
// segment of a simulated broker as Kafka 3.7's DumpLogSegments does (sim/storage/dump_log.h).
// It reads a file, so it completes at once and needs no network.

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "sim/script/session.h"
#include "sim/storage/dump_log.h"
#include "sim/storage/tools/install.h"
#include "sim/storage/tools/storage_part.h"

namespace kafkasim {
namespace {

struct DumpLogArgs {
  std::string files;
  bool print_data_log = false;
  bool deep_iteration = false;
};

std::vector<std::string> SplitFiles(const std::string& files) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= files.size()) {
    const size_t comma = files.find(',', start);
    std::string file = files.substr(start, comma - start);
    if (!file.empty()) out.push_back(std::move(file));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

int Dump(Session& session, const DumpLogArgs& args) {
  const StoragePart& storage = session.part<StoragePart>();
  int exit_code = 0;
  for (const std::string& path : SplitFiles(args.files)) {
    const std::vector<StoragePart::Resolved> found = storage.Resolve(path);
    if (found.empty()) {
      session.Print(fmt::format("Dumping {}", path));
      session.PrintError(
          fmt::format("Exception in thread \"main\" java.nio.file.NoSuchFileException: {}", path));
      exit_code = 1;
      continue;
    }
    if (found.size() > 1) {
      std::string brokers;
      for (const auto& f : found) brokers += (brokers.empty() ? "" : ", ") + f.broker;
      session.PrintError(fmt::format("{} exists on {}: name the machine, as in {}:{}", path,
                                     brokers, found[0].broker, path));
      exit_code = 1;
      continue;
    }
    const StoragePart::Resolved& file = found[0];
    // The machine prefix ("broker-1:") is kafkasim's; the tool prints the path on the machine.
    const std::string local =
        path.find(':') == std::string::npos ? path : path.substr(path.find(':') + 1);
    std::string text;
    if (file.extension == ".log") {
      text = DumpLogFile(
          local, file.segment->LogFileBytes(),
          {.print_data_log = args.print_data_log, .deep_iteration = args.deep_iteration});
    } else if (file.extension == ".index") {
      text = DumpOffsetIndexFile(local, file.segment->OffsetIndexFileBytes());
    } else {
      text = DumpTimeIndexFile(local, file.segment->TimeIndexFileBytes());
    }
    if (!text.empty() && text.back() == '\n') text.pop_back();
    session.Print(text);
  }
  return exit_code;
}

class DumpLogCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-dump-log.sh"; }
  std::string summary() const override {
    return "print a log segment of a broker: kafka-dump-log.sh --files "
           "/tmp/kafka-logs/orders-0/00000000000000000000.log --print-data-log";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto args = std::make_shared<DumpLogArgs>();
    app.description(
        "This tool helps to parse a log file and dump its contents to the console, useful for "
        "debugging a seemingly corrupt log segment.");
    app.add_option("--files", args->files,
                   "REQUIRED: The comma separated list of data and index log files to be dumped.")
        ->required();
    app.add_flag("--print-data-log", args->print_data_log,
                 "If set, printing the messages content when dumping data logs.");
    app.add_flag("--deep-iteration", args->deep_iteration,
                 "If set, uses deep instead of shallow iteration. Automatically set if "
                 "print-data-log is enabled.");
    return [args](const std::vector<std::string>&, const std::vector<std::string>&) {
      return std::make_unique<InstantInvocation>(
          [args = *args](Session& session) { return Dump(session, args); });
    };
  }
};

}  // namespace

void InstallStorage(Session& session) {
  session.commands().Register(std::make_unique<DumpLogCommand>());
}

}  // namespace kafkasim
