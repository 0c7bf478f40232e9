#pragma once
// Test helpers for the command language: a session with two extra commands a test can use
// before brokers exist — `start-node NAME [--partitions N]` starts an idle node, and `hang`
// never completes.

#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "sim/record/narrator.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"

namespace kafkasim::testing {

class StartNodeCommand : public CliCommand {
 public:
  std::string name() const override { return "start-node"; }
  std::string summary() const override { return "start an idle test node"; }

 protected:
  Builder Define(CLI::App& app) const override {
    auto node = std::make_shared<std::string>();
    auto partitions = std::make_shared<int>(1);
    app.add_option("name", *node)->required();
    app.add_option("--partitions", *partitions);
    return [node](const std::vector<std::string>&, const std::vector<std::string>&) {
      return std::make_unique<InstantInvocation>([node](Session& s) {
        struct Idle : Process {
          void OnMessage(const Envelope&) override {}
        };
        const NodeId id = s.sim().AddNode(*node, "test", [] { return std::make_unique<Idle>(); });
        s.sim().Start(id);
        return 0;
      });
    };
  }
};

class HangCommand : public Command {
 public:
  std::string name() const override { return "hang"; }
  std::string summary() const override { return "never completes"; }
  ParsedCommand Parse(const std::vector<std::string>&, const std::vector<std::string>&) const override {
    struct Hang : Invocation {
      void Start(Session&, std::function<void(int)>) override {}
    };
    return {.invocation = std::make_unique<Hang>()};
  }
};

struct Played {
  RunReport report;
  std::string narration;
};

inline void AddTestCommands(Session& session) {
  session.commands().Register(std::make_unique<StartNodeCommand>());
  session.commands().Register(std::make_unique<HangCommand>());
}

// Parses and plays a scenario text; ScriptErrors propagate.
inline Played Play(const std::string& text, uint64_t seed = 1, Time until = Time::Max()) {
  const Scenario scenario = ParseScenario(text, "test.scn");
  Session session(SessionOptions{.seed = seed});
  AddTestCommands(session);
  std::ostringstream out;
  Narrator narrator(out);
  session.trace().AddSink(&narrator);
  ScenarioRunner runner(session, scenario);
  Played played{.report = runner.Run(until)};
  session.trace().RemoveSink(&narrator);
  played.narration = out.str();
  return played;
}

}  // namespace kafkasim::testing
