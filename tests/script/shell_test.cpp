#include "sim/script/shell.h"

#include <catch2/catch.hpp>

#include "tests/script/script_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

struct ShellRun {
  int exit_code;
  std::string out, err, narration;
};

ShellRun RunShell(const std::string& input) {
  Session session;
  AddTestCommands(session);
  std::ostringstream narration;
  Narrator narrator(narration);
  session.trace().AddSink(&narrator);
  std::istringstream in(input);
  std::ostringstream out, err;
  Shell shell(session, StreamLines(in), out, err, ShellOptions{});
  const int code = shell.Run();
  session.trace().RemoveSink(&narrator);
  return {code, out.str(), err.str(), narration.str()};
}

}  // namespace

TEST_CASE("the shell runs piped commands in order, time moving only while they run") {
  const ShellRun r = RunShell("sleep 2s\nexpect time == 2s\nsleep 500ms\nexpect time == 2.5s\n");
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.narration, Catch::Contains("$ sleep 2s"));
  CHECK_THAT(r.narration, Catch::Contains("✓ expect time == 2.5s"));
}

TEST_CASE("a mistake in the shell is reported with its line and the session goes on") {
  const ShellRun r = RunShell("sleep 1s\nslep 2s\nexpect time == 1s\n");
  CHECK(r.exit_code == 2);  // in a script, a bad line is an error
  CHECK_THAT(r.err, Catch::Contains("<stdin>:2:1: error: unknown command 'slep'; did you mean 'sleep'?"));
  CHECK_THAT(r.narration, Catch::Contains("✓ expect time == 1s"));
}

TEST_CASE("the shell exits 1 when an expectation failed") {
  CHECK(RunShell("expect time == 5s\n").exit_code == 1);
}

TEST_CASE("history lists what ran, and exit stops reading") {
  const ShellRun r = RunShell("sleep 1s\nstart-node a   # a comment\nhistory\nexit\nsleep 9s\n");
  CHECK(r.out == "    1  sleep 1s\n    2  start-node a\n");
  CHECK_THAT(r.narration, !Catch::Contains("sleep 9s"));
}

TEST_CASE("a '>' line with no command before it is an error") {
  const ShellRun r = RunShell("> hello\n");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("<stdin>:1:1: error: '>' gives input to a command"));
}
