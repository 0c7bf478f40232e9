#pragma once
// kafka-consumer-groups.sh's command line (ConsumerGroupCommandOptions, Kafka 3.7): the flags,
// and checkArgs — which flags combine, with Kafka's messages. jopt-simple names an option
// "[describe]" in them, so the messages do too.
//
//   one action: --list | --describe | --delete | --reset-offsets | --delete-offsets
//   --describe (--group G... | --all-groups) [--offsets | --members [--verbose] | --state]
//   --list [--state [stable,empty]]
//   --delete (--group G... | --all-groups)
//   --reset-offsets (--group G... | --all-groups) (--topic T[:P,P]... | --all-topics)
//       one of --to-earliest --to-latest --to-current --to-offset N --shift-by N
//       --to-datetime T --by-duration D;  --dry-run (the default) | --execute
//   --delete-offsets --group G --topic T[:P,P]...
// --from-file, --export and --command-config are not simulated (no client property files).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/tools/consumer_groups_reset.h"

namespace CLI {
class App;
}

namespace kafkasim {

struct GroupsOptions {
  std::string bootstrap_server;
  bool list = false, describe = false, del = false, reset_offsets = false, delete_offsets = false;
  bool all_groups = false, all_topics = false;
  bool members = false, offsets = false, verbose = false;
  bool state = false;  // --state given (its value below, "" when none)
  std::string state_value;
  std::vector<std::string> groups, topics;
  bool dry_run = false, execute = false;
  bool to_earliest = false, to_latest = false, to_current = false;
  std::optional<int64_t> to_offset, shift_by;
  std::optional<std::string> to_datetime, by_duration;
  int64_t timeout_ms = 5000;
  std::vector<std::string> unsupported;  // flags kafkasim does not simulate, as typed

  // The reset scenario chosen (checkArgs allows at most one), if any.
  std::optional<ResetScenario> Scenario() const;
};

// Adds every flag to `app`, writing into `o` (which must outlive the parse).
void DefineGroupsFlags(CLI::App& app, GroupsOptions& o);
// Marks the flags whose presence CLI11 cannot tell (--state without a value) from `args`.
void NoteGroupsFlagPresence(GroupsOptions& o, const std::vector<std::string>& args);

// checkArgs, then the single-action check, in Kafka's order: the first broken rule's message
// (printUsageAndDie's), or nullopt.
std::optional<std::string> CheckGroupsOptions(const GroupsOptions& o);

// --list --state's value: canonical state names ("stable,EMPTY" -> Stable, Empty), or Kafka's
// "Invalid state list" message.
std::variant<std::vector<std::string>, std::string> ParseGroupStates(const std::string& value);

}  // namespace kafkasim
