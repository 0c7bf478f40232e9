#include "sim/connect/connect_rebalance_narration.h"

#include <fmt/format.h>

namespace kafkasim {

std::vector<std::string> NarrateConnectAssignment(const ConnectClusterAssignment& a, const std::string& leader,
                                                  const std::map<std::string, std::string>& names) {
  std::vector<std::string> lines;
  for (const auto& [member, all] : a.all_assigned) {
    auto name = names.find(member);
    std::string line = fmt::format("{}{} runs {}", name == names.end() ? member : name->second,
                                   member == leader ? " (leader)" : "", FormatConnectorsAndTasks(all));
    if (auto fresh = a.newly_assigned.find(member); fresh != a.newly_assigned.end() && !fresh->second.empty()) {
      line += "; starts " + FormatConnectorsAndTasks(fresh->second);
    }
    if (auto gone = a.newly_revoked.find(member); gone != a.newly_revoked.end() && !gone->second.empty()) {
      line += "; stops " + FormatConnectorsAndTasks(gone->second) +
              " (revoked first, assigned to another worker in the next rebalance)";
    }
    lines.push_back(std::move(line));
  }
  if (!a.held_back.empty()) {
    lines.push_back(fmt::format("{} lost with {} worker: held back {} (scheduled.rebalance.max.delay.ms) in case it "
                                "returns; then reassigned",
                                FormatConnectorsAndTasks(a.held_back), a.held_back.size() == 1 ? "its" : "their",
                                FormatDuration(a.delay)));
  } else if (a.delay > Duration()) {
    lines.push_back(fmt::format("load-balancing revocations put off for {}: two revoking rebalances in a row back off",
                                FormatDuration(a.delay)));
  }
  return lines;
}

}  // namespace kafkasim
