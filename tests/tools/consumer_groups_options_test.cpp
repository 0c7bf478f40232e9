// kafka-consumer-groups.sh's checkArgs: which flags combine, with Kafka 3.7's messages, parsed
// through the real command so CLI11's flag handling is covered too.

#include <catch2/catch.hpp>

#include "sim/kafka/install.h"
#include "sim/script/session.h"
#include "sim/tools/consumer_groups_options.h"

namespace kafkasim {
namespace {

// The usage error the command raises for `args`, or "" when they are accepted.
std::string UsageOf(std::vector<std::string> args) {
  Session session;
  InstallKafka(session);
  const Command* command = session.commands().Find("kafka-consumer-groups.sh");
  args.insert(args.begin(), {"--bootstrap-server", "localhost:9092"});
  try {
    command->Parse(args, {});
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST_CASE("kafka-consumer-groups.sh accepts each action with its options") {
  CHECK(UsageOf({"--list"}) == "");
  CHECK(UsageOf({"--list", "--state"}) == "");
  CHECK(UsageOf({"--list", "--state", "stable,EMPTY"}) == "");
  CHECK(UsageOf({"--describe", "--group", "g", "--members", "--verbose"}) == "");
  CHECK(UsageOf({"--describe", "--all-groups", "--state"}) == "");
  CHECK(UsageOf({"--describe", "--group", "a", "--group", "b", "--offsets"}) == "");
  CHECK(UsageOf({"--reset-offsets", "--group", "g", "--topic", "t:0,1", "--to-earliest", "--execute"}) == "");
  CHECK(UsageOf({"--reset-offsets", "--all-groups", "--all-topics", "--shift-by", "-2", "--dry-run"}) == "");
  CHECK(UsageOf({"--reset-offsets", "--group", "g", "--all-topics", "--by-duration", "PT10M"}) == "");
  CHECK(UsageOf({"--delete-offsets", "--group", "g", "--topic", "t"}) == "");
  CHECK(UsageOf({"--delete-offsets", "--group", "g"}) ==
        "Option [delete-offsets] takes the following options: [group], [topic]");
}

TEST_CASE("kafka-consumer-groups.sh needs exactly one action") {
  const std::string one = "Command must include exactly one action: --list, --describe, --delete, --reset-offsets, "
                          "--delete-offsets";
  CHECK(UsageOf({}) == one);
  CHECK(UsageOf({"--list", "--delete", "--group", "g"}) == "Option \"[group]\" can't be used with option \"[list]\"");
  CHECK(UsageOf({"--describe", "--delete", "--group", "g"}) == one);
  CHECK(UsageOf({"--list"}).empty());
  Session session;
  InstallKafka(session);
  CHECK_THROWS_WITH(session.commands().Find("kafka-consumer-groups")->Parse({"--list"}, {}),
                    "Missing required argument \"[bootstrap-server]\"");
}

TEST_CASE("--describe takes a group or --all-groups, and at most one of --members, --offsets, --state") {
  CHECK(UsageOf({"--describe"}) == "Option [describe] takes one of these options: [group], [all-groups]");
  CHECK(UsageOf({"--describe", "--group", "g", "--members", "--state"}) ==
        "Option [describe] takes at most one of these options: [members], [offsets], [state]");
  CHECK(UsageOf({"--describe", "--group", "g", "--state", "stable"}) ==
        "Option [describe] does not take a value for [state]");
  CHECK(UsageOf({"--describe", "--group", "g", "--all-groups"}) ==
        "Option \"[group]\" can't be used with option \"[all-groups]\"");
  CHECK(UsageOf({"--describe", "--group", "g", "--topic", "t"}) ==
        "Option \"[topic]\" can't be used with option \"[describe]\"");
}

TEST_CASE("--members, --verbose and --offsets exist only with --describe; --state with --describe or --list") {
  CHECK(UsageOf({"--list", "--members"}) == "Option(s) [members] are unavailable given other options on the command line");
  CHECK(UsageOf({"--delete", "--group", "g", "--verbose"}) ==
        "Option(s) [verbose] are unavailable given other options on the command line");
  CHECK(UsageOf({"--delete", "--group", "g", "--state"}) ==
        "Option(s) [state] are unavailable given other options on the command line");
}

TEST_CASE("--reset-offsets: a group, one scenario, one scope, and not both --dry-run and --execute") {
  CHECK(UsageOf({"--reset-offsets", "--to-earliest", "--all-topics"}) ==
        "Option [reset-offsets] takes one of these options: [group], [all-groups]");
  CHECK(UsageOf({"--reset-offsets", "--group", "g", "--all-topics", "--to-earliest", "--dry-run", "--execute"}) ==
        "Option [reset-offsets] only accepts one of [execute] and [dry-run]");
  CHECK(UsageOf({"--reset-offsets", "--group", "g", "--all-topics", "--to-latest", "--to-offset", "3"}) ==
        "Option \"[to-offset]\" can't be used with option \"[to-latest]\"");
  CHECK(UsageOf({"--reset-offsets", "--group", "g", "--all-topics", "--shift-by", "1", "--to-current"}) ==
        "Option \"[to-current]\" can't be used with option \"[shift-by]\"");
  CHECK(UsageOf({"--reset-offsets", "--group", "g", "--all-topics"}).starts_with(
      "Option '[reset-offsets]' requires one of the following scenarios: "));
  CHECK(UsageOf({"--reset-offsets", "--group", "g", "--to-earliest"}) ==
        "One of the reset scopes should be defined: --all-topics, --topic.");
}

TEST_CASE("--delete refuses a topic; the CSV and property-file flags are not simulated") {
  CHECK(UsageOf({"--delete", "--group", "g", "--topic", "t"}) ==
        "The consumer does not support topic-specific offset deletion from a consumer group.");
  CHECK(UsageOf({"--delete"}) == "Option [delete] takes one of these options: [group], [all-groups]");
  CHECK(UsageOf({"--reset-offsets", "--group", "g", "--from-file", "plan.csv"}) ==
        "--from-file is not available yet in kafkasim");
}

TEST_CASE("--list --state parses states case-insensitively and names the valid ones when one is not") {
  CHECK(std::get<std::vector<std::string>>(ParseGroupStates("stable, EMPTY,Stable")) ==
        std::vector<std::string>{"Stable", "Empty"});
  CHECK(std::get<std::string>(ParseGroupStates("stable,asleep")) ==
        "Invalid state list 'stable,asleep'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, "
        "Dead, Empty, Assigning, Reconciling");
  CHECK(UsageOf({"--list", "--state", "asleep"}).starts_with("Invalid state list 'asleep'."));
}

}  // namespace
}  // namespace kafkasim
