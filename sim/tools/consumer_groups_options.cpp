#include "sim/tools/consumer_groups_options.h"

#include <algorithm>
#include <cctype>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/script/command.h"

namespace kafkasim {
namespace {

// The reset scenarios in the order checkArgs checks them.
struct ScenarioFlag {
  const char* name;
  bool present;
};
std::vector<ScenarioFlag> ScenarioFlags(const GroupsOptions& o) {
  return {{"to-offset", o.to_offset.has_value()},     {"to-datetime", o.to_datetime.has_value()},
          {"by-duration", o.by_duration.has_value()}, {"to-earliest", o.to_earliest},
          {"to-latest", o.to_latest},                 {"to-current", o.to_current},
          {"shift-by", o.shift_by.has_value()}};
}

std::string CantBeUsedWith(const char* used, const char* other) {
  return fmt::format("Option \"[{}]\" can't be used with option \"[{}]\"", used, other);
}

}  // namespace

std::optional<ResetScenario> GroupsOptions::Scenario() const {
  if (to_offset) return ResetScenario{.kind = ResetScenarioKind::kToOffset, .value = *to_offset};
  if (shift_by) return ResetScenario{.kind = ResetScenarioKind::kShiftBy, .value = *shift_by};
  if (to_datetime) return ResetScenario{.kind = ResetScenarioKind::kToDatetime, .text = *to_datetime};
  if (by_duration) return ResetScenario{.kind = ResetScenarioKind::kByDuration, .text = *by_duration};
  if (to_earliest) return ResetScenario{.kind = ResetScenarioKind::kToEarliest};
  if (to_latest) return ResetScenario{.kind = ResetScenarioKind::kToLatest};
  if (to_current) return ResetScenario{.kind = ResetScenarioKind::kToCurrent};
  return std::nullopt;
}

void DefineGroupsFlags(CLI::App& app, GroupsOptions& o) {
  app.add_option("--bootstrap-server", o.bootstrap_server, "REQUIRED: The server(s) to connect to.");
  app.add_flag("--list", o.list, "List all consumer groups.");
  app.add_flag("--describe", o.describe, "Describe consumer group and list offset lag (number of messages not yet "
                                         "processed) related to given group.");
  app.add_flag("--delete", o.del, "Pass in groups to delete topic partition offsets and ownership information over "
                                  "the entire consumer group. For instance --group g1 --group g2");
  app.add_flag("--reset-offsets", o.reset_offsets,
               "Reset offsets of consumer group. Supports one consumer group at the time, and instances should be "
               "inactive. Has 2 execution options: --dry-run (the default) to plan which offsets to reset, and "
               "--execute to update the offsets.");
  app.add_flag("--delete-offsets", o.delete_offsets,
               "Delete offsets of consumer group. Supports one consumer group at the time, and multiple topics.");
  app.add_option("--group", o.groups, "The consumer group we wish to act on.")
      ->take_all()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--all-groups", o.all_groups, "Apply to all consumer groups.");
  app.add_option("--topic", o.topics, "The topic whose consumer group information should be deleted or topic whose "
                                      "should be included in the reset offset process. In `reset-offsets` case, "
                                      "partitions can be specified using this format: `topic1:0,1,2`.")
      ->take_all()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--all-topics", o.all_topics, "Consider all topics assigned to a group in the `reset-offsets` process.");
  app.add_flag("--members", o.members, "Describe members of the group.");
  app.add_flag("--offsets", o.offsets, "Describe the group and list all topic partitions in the group along with "
                                       "their offset lag. This is the default sub-action.");
  app.add_flag("--verbose", o.verbose, "Provide additional information, if any, when describing the group.");
  app.add_option("--state", o.state_value, "When specified with '--describe', includes the state of the group. With "
                                           "'--list', the state of all groups, or of the groups in the states "
                                           "given: --list --state stable,empty")
      ->expected(0, 1);
  app.add_flag("--dry-run", o.dry_run, "Only show results without executing changes on Consumer Groups.");
  app.add_flag("--execute", o.execute, "Execute operation. Supported operations: reset-offsets.");
  app.add_option("--to-offset", o.to_offset, "Reset offsets to a specific offset.");
  app.add_option("--shift-by", o.shift_by, "Reset offsets shifting current offset by 'n', where 'n' can be positive "
                                           "or negative.");
  app.add_option("--to-datetime", o.to_datetime, "Reset offsets to offset from datetime. Format: "
                                                 "'YYYY-MM-DDTHH:mm:SS.sss'");
  app.add_option("--by-duration", o.by_duration, "Reset offsets to offset by duration from current timestamp. "
                                                 "Format: 'PnDTnHnMnS'");
  app.add_flag("--to-earliest", o.to_earliest, "Reset offsets to earliest offset.");
  app.add_flag("--to-latest", o.to_latest, "Reset offsets to latest offset.");
  app.add_flag("--to-current", o.to_current, "Reset offsets to current offset.");
  app.add_option("--timeout", o.timeout_ms, "The timeout (ms) for the admin calls, e.g. waiting for a group to be "
                                            "described (default 5000).");
  for (const char* flag : {"--from-file", "--export", "--command-config"}) {
    app.add_option_function<std::string>(
           flag, [&o, flag](const std::string&) { o.unsupported.push_back(flag); }, "not available yet in kafkasim")
        ->expected(0, 1);
  }
}

void NoteGroupsFlagPresence(GroupsOptions& o, const std::vector<std::string>& args) {
  o.state = WordIndex(args, "--state") >= 0;
}

std::optional<std::string> CheckGroupsOptions(const GroupsOptions& o) {
  if (!o.unsupported.empty()) return fmt::format("{} is not available yet in kafkasim", o.unsupported.front());
  // jopt-simple's availableIf, checked while parsing.
  for (auto [name, present] : {std::pair{"members", o.members}, {"verbose", o.verbose}, {"offsets", o.offsets}}) {
    if (present && !o.describe) {
      return fmt::format("Option(s) [{}] are unavailable given other options on the command line", name);
    }
  }
  if (o.state && !o.describe && !o.list) {
    return "Option(s) [state] are unavailable given other options on the command line";
  }
  if (o.bootstrap_server.empty()) return "Missing required argument \"[bootstrap-server]\"";
  const bool has_group = !o.groups.empty();
  if (o.describe) {
    if (!has_group && !o.all_groups) return "Option [describe] takes one of these options: [group], [all-groups]";
    if (int(o.members) + int(o.offsets) + int(o.state) > 1) {
      return "Option [describe] takes at most one of these options: [members], [offsets], [state]";
    }
    if (o.state && !o.state_value.empty()) return "Option [describe] does not take a value for [state]";
  }
  if (o.del) {
    if (!has_group && !o.all_groups) return "Option [delete] takes one of these options: [group], [all-groups]";
    if (!o.topics.empty()) return "The consumer does not support topic-specific offset deletion from a consumer group.";
  }
  if (o.delete_offsets && (!has_group || o.topics.empty())) {
    return "Option [delete-offsets] takes the following options: [group], [topic]";
  }
  if (o.reset_offsets) {
    if (o.dry_run && o.execute) return "Option [reset-offsets] only accepts one of [execute] and [dry-run]";
    if (!has_group && !o.all_groups) return "Option [reset-offsets] takes one of these options: [group], [all-groups]";
    const std::vector<ScenarioFlag> flags = ScenarioFlags(o);
    for (const ScenarioFlag& used : flags) {
      if (!used.present) continue;
      for (const ScenarioFlag& other : flags) {
        if (other.present && other.name != used.name) return CantBeUsedWith(used.name, other.name);
      }
    }
  }
  if (has_group && o.all_groups) return CantBeUsedWith("group", "all-groups");
  if (has_group && o.list) return CantBeUsedWith("group", "list");
  if (!o.topics.empty() && o.list) return CantBeUsedWith("topic", "list");
  if (!o.topics.empty() && o.describe) return CantBeUsedWith("topic", "describe");
  if (int(o.list) + int(o.describe) + int(o.del) + int(o.reset_offsets) + int(o.delete_offsets) != 1) {
    return "Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets";
  }
  if (o.reset_offsets) {
    // Kafka finds these only once it prepares a group's offsets; they are checked here, before
    // any request, with its messages. (The scenario list prints a Scala HashSet, in an order
    // the JVM picks; kafkasim lists the scenarios in their declaration order.)
    if (!o.Scenario()) {
      return "Option '[reset-offsets]' requires one of the following scenarios: HashSet([to-offset], [shift-by], "
             "[to-datetime], [by-duration], [to-earliest], [to-latest], [to-current], [from-file])";
    }
    if (!o.all_topics && o.topics.empty()) return "One of the reset scopes should be defined: --all-topics, --topic.";
  }
  return std::nullopt;
}

std::variant<std::vector<std::string>, std::string> ParseGroupStates(const std::string& value) {
  static const std::vector<std::string> kStates = {"PreparingRebalance", "CompletingRebalance", "Stable", "Dead",
                                                   "Empty", "Assigning", "Reconciling"};
  auto upper = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  };
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t comma = value.find(',', start);
    std::string item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    auto it = std::find_if(kStates.begin(), kStates.end(), [&](const std::string& s) { return upper(s) == upper(item); });
    if (it == kStates.end()) {
      return fmt::format("Invalid state list '{}'. Valid states are: {}", value, fmt::join(kStates, ", "));
    }
    if (std::find(out.begin(), out.end(), *it) == out.end()) out.push_back(*it);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace kafkasim
