#pragma once
// The one command language shared by the interactive console, scenario files and lessons.
//
// A command is parsed before it runs: Parse() checks the words (flags, values, arity) without
// touching the simulation, so a scenario can be checked line by line before its first command
// runs, and a typo is reported with its location instead of halfway through a run. Parsing
// yields an Invocation, which is a simulated process: Start() begins it at the current simulated
// time and it calls `done` when it completes — at once for `crash`, after a round trip to a
// broker for `kafka-topics.sh`, after five seconds for `sleep 5s`.
//
// Kafka's tools are named as in Kafka's distribution: `bin/kafka-topics.sh`, `kafka-topics.sh`
// and `kafka-topics` are one command. Flags are parsed with CLI11.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace kafkasim {

class Session;

// A mistake in a command's words. `word` indexes the arguments (the words after the command's
// name); -1 blames the command as a whole.
class UsageError : public std::runtime_error {
 public:
  UsageError(std::string message, int word = -1) : std::runtime_error(std::move(message)), word_(word) {}
  int word() const { return word_; }

 private:
  int word_;
};

class Invocation {
 public:
  virtual ~Invocation() = default;
  // Runs the command. Lines of standard input (a scenario's `>` lines) are in `input`.
  // `done(exit_code)` must be called exactly once, now or later in simulated time.
  virtual void Start(Session& session, std::function<void(int exit_code)> done) = 0;
};

// An invocation that completes at once: what most simulator verbs are.
class InstantInvocation : public Invocation {
 public:
  explicit InstantInvocation(std::function<int(Session&)> run) : run_(std::move(run)) {}
  void Start(Session& session, std::function<void(int)> done) override { done(run_(session)); }

 private:
  std::function<int(Session&)> run_;
};

struct ParsedCommand {
  std::unique_ptr<Invocation> invocation;  // null when the words asked for help
  std::string help;                        // what `--help` prints
};

class Command {
 public:
  virtual ~Command() = default;
  // The name as Kafka ships it ("kafka-topics.sh") or the simulator's verb ("crash").
  virtual std::string name() const = 0;
  // One line for `help`.
  virtual std::string summary() const = 0;
  // Parses the arguments (the words after the name). Throws UsageError.
  virtual ParsedCommand Parse(const std::vector<std::string>& args,
                              const std::vector<std::string>& input) const = 0;
  // The long flags it takes ("--topic"), for Tab completion in the console.
  virtual std::vector<std::string> flags() const { return {}; }
};

// Commands by name. Names resolve the way a shell finds Kafka's scripts: any directory prefix
// ("bin/", "./bin/") and the ".sh" suffix are optional.
class CommandRegistry {
 public:
  void Register(std::unique_ptr<Command> command);
  // The command a typed name means, or null.
  const Command* Find(std::string_view typed) const;
  // The nearest known name, for "did you mean".
  std::optional<std::string> Suggest(std::string_view typed) const;
  // Every command, sorted by name.
  std::vector<const Command*> All() const;

 private:
  static std::string Key(std::string_view typed);
  std::map<std::string, std::unique_ptr<Command>> by_key_;
};

// Parses `args` with a CLI11 app that the caller has filled with options. Returns false when
// the words asked for help (`--help`), true when they parsed. On a mistake throws UsageError
// naming the word at fault and, for an unknown flag, the nearest known one.
bool ParseFlags(CLI::App& app, const std::vector<std::string>& args);

}  // namespace kafkasim

namespace kafkasim {

// A command whose words are parsed by a CLI11 app. Subclasses declare their options in Define()
// and return a function that checks the parsed values (throwing UsageError) and builds the
// invocation; --help and unknown flags are handled here, once for every command.
class CliCommand : public Command {
 public:
  using Builder = std::function<std::unique_ptr<Invocation>(const std::vector<std::string>& args,
                                                            const std::vector<std::string>& input)>;
  ParsedCommand Parse(const std::vector<std::string>& args,
                      const std::vector<std::string>& input) const override;
  std::vector<std::string> flags() const override;

 protected:
  virtual Builder Define(CLI::App& app) const = 0;
};

// The index of `word` among `args`, for UsageErrors about a value (-1 when absent).
int WordIndex(const std::vector<std::string>& args, std::string_view word);

}  // namespace kafkasim
