// kafkasim: the command line.
//
//   kafkasim run FILE [--seed N] [--until T] [--trace F] [--record F.db] [--quiet] [--filter F]
//   kafkasim shell [FILE]
//   kafkasim check PATH...
//   kafkasim lesson [N|FILE] [--seed N] | kafkasim lesson --list
//
// Exit codes: 0 every expectation held; 1 an expectation failed; 2 bad input (a scenario with a
// mistake, an unknown command or flag).

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "sim/cli/lesson.h"
#include "sim/cli/line_editor.h"
#include "sim/cli/play.h"
#include "sim/kafka/install.h"
#include "sim/script/command.h"
#include "sim/script/shell.h"
#include "sim/script/suggest.h"

namespace kafkasim::cli {
namespace {

bool ColorWanted() { return isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr; }

struct RunFlags {
  std::string file, until, trace, record, filter, data_dir;
  std::optional<uint64_t> seed;
  bool quiet = false;
};

int Run(const RunFlags& flags) {
  PlayOptions options{.seed = flags.seed, .trace_path = flags.trace, .record_path = flags.record,
                      .data_dir = flags.data_dir};
  if (!flags.until.empty()) {
    auto d = ParseDuration(flags.until);
    if (!d) {
      fmt::print(std::cerr, "kafkasim run: error: --until '{}' is not a time (like 90s or 5m)\n", flags.until);
      return 2;
    }
    options.until = Time::Zero() + *d;
  }
  options.narrator.quiet = flags.quiet;
  options.narrator.color = ColorWanted();
  if (!flags.filter.empty()) {
    try {
      options.narrator = ParseNarratorFilter(flags.filter, options.narrator);
    } catch (const std::invalid_argument& e) {
      fmt::print(std::cerr, "kafkasim run: error: --filter: {}\n", e.what());
      return 2;
    }
  }
  PlayResult result = Play(flags.file, options, std::cout, std::cerr);
  if (result.exit_code != 2 && !flags.quiet) {
    const RunReport& r = result.report;
    fmt::print("\n{} at {}: {} of {} expectations held{}\n", r.finished ? "finished" : "stopped",
               FormatTime(r.end), r.expectations - static_cast<int>(r.failed_expectations.size()), r.expectations,
               r.failed_commands > 0 ? fmt::format(", {} command(s) reported errors", r.failed_commands) : "");
  }
  return result.exit_code;
}

// Each path is a scenario file or a folder of them (its .scn files, not its subfolders).
int Check(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
      if (!std::filesystem::exists(path, ec)) {
        fmt::print(std::cerr, "kafkasim check: error: no such file or folder: {}\n", path);
        return 2;
      }
      files.emplace_back(path);
      continue;
    }
    std::vector<std::filesystem::path> in_folder;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      // Lessons are NN-slug.md; a folder's other Markdown (a README) is not a lesson.
      const std::string name = entry.path().filename().string();
      const bool lesson = entry.path().extension() == ".md" && !name.empty() && name[0] >= '0' && name[0] <= '9';
      if (entry.path().extension() == ".scn" || lesson) in_folder.push_back(entry.path());
    }
    if (ec) {
      fmt::print(std::cerr, "kafkasim check: error: cannot read {}: {}\n", path, ec.message());
      return 2;
    }
    if (in_folder.empty()) fmt::print(std::cerr, "kafkasim check: no .scn or .md files in {}\n", path);
    std::sort(in_folder.begin(), in_folder.end());
    files.insert(files.end(), in_folder.begin(), in_folder.end());
  }
  int passed = 0, failed = 0, bad = 0;
  for (const auto& file : files) {
    std::ostringstream narration, errors;
    if (file.extension() == ".md") {  // a lesson
      std::string summary;
      const int code = CheckLesson(file.string(), summary, errors);
      if (code == 0) {
        ++passed;
        fmt::print("ok    {}  ({})\n", file.string(), summary);
      } else {
        code == 2 ? ++bad : ++failed;
        fmt::print("FAIL  {}\n", file.string());
        std::istringstream lines(errors.str());
        for (std::string line; std::getline(lines, line);) fmt::print("      {}\n", line);
      }
      continue;
    }
    PlayResult result = Play(file.string(), PlayOptions{.narrator = {.quiet = true}}, narration, errors);
    const RunReport& r = result.report;
    if (result.exit_code == 0) {
      ++passed;
      fmt::print("ok    {}  ({} expectations, {} simulated)\n", file.string(), r.expectations,
                 FormatDuration(r.end - Time::Zero()));
    } else {
      result.exit_code == 2 ? ++bad : ++failed;
      fmt::print("FAIL  {}\n", file.string());
      std::istringstream lines(errors.str());
      for (std::string line; std::getline(lines, line);) fmt::print("      {}\n", line);
    }
  }
  fmt::print("{} passed, {} failed\n", passed, failed + bad);
  if (files.empty() || bad > 0) return 2;
  return failed > 0 ? 1 : 0;
}

int Shell(const std::string& file) {
  Session session;
  InstallKafka(session);
  Narrator narrator(std::cout, NarratorOptions{.color = ColorWanted()}, &std::cerr);
  session.trace().AddSink(&narrator);
  int code;
  if (file.empty()) {
    const bool terminal = isatty(STDIN_FILENO);
    kafkasim::Shell shell(session, terminal ? TerminalLines(session.commands()) : StreamLines(std::cin), std::cout,
                          std::cerr, ShellOptions{.interactive = terminal});
    code = shell.Run();
  } else {
    std::ifstream in(file);
    if (!in) {
      fmt::print(std::cerr, "kafkasim shell: error: cannot open {}\n", file);
      return 2;
    }
    kafkasim::Shell shell(session, StreamLines(in), std::cout, std::cerr, ShellOptions{.name = file});
    code = shell.Run();
  }
  session.trace().RemoveSink(&narrator);
  return code;
}

// CLI11 reports an unknown subcommand as an unexpected argument; say what was probably meant.
int UnknownSubcommand(const CLI::App& app, const std::string& word) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  std::string message = fmt::format("kafkasim: unknown command '{}'", word);
  if (auto nearest = NearestName(word, names)) message += fmt::format("; did you mean '{}'?", *nearest);
  fmt::print(std::cerr, "{}\nRun 'kafkasim --help' for the commands.\n", message);
  return 2;
}

// An unknown flag of a subcommand: name the nearest flag it has ("--sed": did you mean --seed?).
bool SuggestFlag(const CLI::App& app, const CLI::ExtrasError& error) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (!sub->parsed()) continue;
    std::vector<std::string> flags;
    for (const CLI::Option* option : sub->get_options()) {
      for (const std::string& name : option->get_lnames()) flags.push_back("--" + name);
    }
    for (const std::string& extra : sub->remaining()) {
      if (!extra.starts_with("-")) continue;
      const std::string word = extra.substr(0, extra.find('='));
      std::string message = fmt::format("kafkasim {}: unknown flag '{}'", sub->get_name(), word);
      if (auto nearest = NearestName(word, flags)) message += fmt::format("; did you mean '{}'?", *nearest);
      fmt::print(std::cerr, "{}\nRun 'kafkasim {} --help' for its flags.\n", message, sub->get_name());
      return true;
    }
  }
  (void)error;
  return false;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app("kafkasim: a deterministic simulator of Apache Kafka 3.7 (ZooKeeper mode), for learning", "kafkasim");
  app.require_subcommand(1);

  RunFlags run;
  CLI::App* run_cmd = app.add_subcommand("run", "play a scenario file, narrating what happens");
  run_cmd->add_option("file", run.file, "the scenario (.scn)")->required();
  run_cmd->add_option("--seed", run.seed, "the random seed (overrides the scenario's seed: line)");
  run_cmd->add_option("--until", run.until, "stop at this simulated time (e.g. 90s)");
  run_cmd->add_option("--trace", run.trace, "write every event as JSON Lines to this file");
  run_cmd->add_option("--record", run.record, "record the run into this SQLite database");
  run_cmd->add_option("--data-dir", run.data_dir,
                      "keep the brokers' logs as real files under this folder (DIR/broker-N/<topic>-<partition>/)");
  run_cmd->add_flag("--quiet", run.quiet, "print only expectations and errors");
  run_cmd->add_option("--filter", run.filter, "narrate only some events: kind=PREFIX,hide=PREFIX,node=NAME");

  std::string shell_file;
  CLI::App* shell_cmd = app.add_subcommand("shell", "an interactive console (also reads a pipe)");
  shell_cmd->add_option("file", shell_file, "read commands from this file instead of standard input");

  std::vector<std::string> check_paths;
  CLI::App* check_cmd = app.add_subcommand("check", "play scenarios and lessons (files, or every .scn and .md in a folder), one line each");
  check_cmd->add_option("paths", check_paths, "scenario or lesson files, or folders")->required();

  LessonOptions lesson;
  CLI::App* lesson_cmd = app.add_subcommand("lesson", "read a lesson beside the running simulation");
  lesson_cmd->add_option("lesson", lesson.which, "the lesson's number in the course, or a lesson file (default: the next one not done)");
  lesson_cmd->add_flag("--list", lesson.list, "show the course and your progress");
  lesson_cmd->add_option("--seed", lesson.seed, "the random seed (overrides the lesson's and its scenario's)");

  if (argc > 1 && argv[1][0] != '-') {
    const std::string first = argv[1];
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known = known || sub->get_name() == first;
    if (!known) return UnknownSubcommand(app, first);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    if (SuggestFlag(app, e)) return 2;
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (run_cmd->parsed()) return Run(run);
  if (shell_cmd->parsed()) return Shell(shell_file);
  if (check_cmd->parsed()) return Check(check_paths);
  if (lesson_cmd->parsed()) {
    lesson.interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    lesson.color = ColorWanted();
    return RunLessonCommand(lesson, std::cin, std::cout, std::cerr);
  }
  return 2;
}

}  // namespace kafkasim::cli

int main(int argc, char** argv) { return kafkasim::cli::Main(argc, argv); }
