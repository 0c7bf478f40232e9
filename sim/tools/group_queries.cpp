// The `expect` queries about consumer groups, read from the broker that coordinates the group
// (the running leader of its __consumer_offsets partition):
//   group G state        Empty, PreparingRebalance, CompletingRebalance, Stable, Dead (unknown group)
//   group G generation   the generation id
//   group G members      how many members
//   group G coordinator  the coordinating broker's id (-1 when none)
//   group G lag          Σ over committed partitions of (high watermark − committed offset), as
//                        kafka-consumer-groups.sh's LAG column sums
//   group G assignment   each member's partitions, members ordered by what they hold:
//                        "orders-0,orders-1/orders-2" ("none" without members)
// and, from the ledger (sim/ledger/group_processing.h), of the producer apps' records the
// group's consumer apps (`consumer start`) were handed:
//   group G processed    how many distinct records they processed
//   group G duplicated   processings beyond the first (at-least-once after a crash)
//   group G lost         records handed over but never processed, below the committed offset:
//                        the group committed past them (at-most-once after a crash)
// and about one member:
//   member G ID          the partitions of the member whose group.instance.id (or else client.id)
//                        is ID: "orders-0,orders-1", "-" for none, "absent" when no such member

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/broker/broker.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/group_coordinator.h"
#include "sim/protocol/consumer_protocol.h"
#include "sim/script/session.h"
#include "sim/tools/commands.h"
#include "sim/tools/group_lookup.h"
#include "sim/tools/ledger_part.h"

namespace kafkasim {
namespace {

int64_t HighWatermark(Session& s, const TopicPartition& tp) {
  BrokerPart& part = s.part<BrokerPart>();
  for (const auto& [id, node] : part.brokers()) {
    const Broker* b = part.Running(id);
    if (b == nullptr) continue;
    const Partition* p = b->replicas().Find(tp);
    if (p != nullptr && p->is_leader()) return p->high_watermark().value();
  }
  return -1;
}

QueryResult GroupQuery(Session& s, const std::vector<std::string>& a) {
  const auto [broker, group] = FindCoordinatedGroup(s, a[0]);
  const std::string& what = a[1];
  if (what == "coordinator") return std::to_string(broker == nullptr ? -1 : broker->id().value());
  if (what == "state") return group == nullptr ? std::string("Dead") : std::string(ToString(group->state()));
  if (what == "generation") return std::to_string(group == nullptr ? -1 : group->generation());
  if (what == "members") return std::to_string(group == nullptr ? 0 : group->members().size());
  if (what == "lag") {
    int64_t lag = 0;
    if (group != nullptr) {
      for (const auto& [tp, o] : group->offsets()) {
        const int64_t hw = HighWatermark(s, tp);
        if (hw >= 0 && o.offset >= 0) lag += hw - o.offset;
      }
    }
    return std::to_string(lag);
  }
  if (what == "assignment") {
    // Each member's partitions, sorted; the members ordered by what they hold, not by their
    // random member ids, so that a lesson can ask for it: "orders-0,orders-1/orders-2". A member
    // the leader gave nothing shows "-".
    if (group == nullptr || group->members().empty()) return std::string("none");
    std::vector<std::vector<TopicPartition>> owned;
    for (const auto& [id, member] : group->members()) {
      auto assignment = DecodeAssignment(member.assignment);
      owned.push_back(assignment ? assignment->partitions : std::vector<TopicPartition>{});
      std::sort(owned.back().begin(), owned.back().end());
    }
    std::sort(owned.begin(), owned.end());
    std::vector<std::string> members;
    for (const auto& tps : owned) {
      std::vector<std::string> names;
      for (const TopicPartition& tp : tps) names.push_back(ToString(tp));
      members.push_back(names.empty() ? std::string("-") : fmt::format("{}", fmt::join(names, ",")));
    }
    return fmt::format("{}", fmt::join(members, "/"));
  }
  if (what == "processed" || what == "duplicated" || what == "lost") {
    // The ledger's view of what the group's consumer apps did with the producer apps' records.
    const GroupProcessing* processing = s.part<LedgerPart>().ledger().FindGroup(a[0]);
    if (processing == nullptr) return std::string("0");
    std::map<TopicPartition, int64_t> committed;
    if (group != nullptr) {
      for (const auto& [tp, o] : group->offsets()) committed[tp] = o.offset;
    }
    const GroupCounts c = processing->Counts(committed);
    return std::to_string(what == "processed" ? c.processed : what == "duplicated" ? c.duplicated : c.lost);
  }
  return QueryError{fmt::format(
      "unknown property '{}': try state, generation, members, coordinator, lag, assignment, processed, duplicated "
      "or lost",
      what)};
}

std::string JoinPartitions(std::vector<TopicPartition> tps) {
  std::sort(tps.begin(), tps.end());
  std::vector<std::string> names;
  for (const TopicPartition& tp : tps) names.push_back(ToString(tp));
  return names.empty() ? std::string("-") : fmt::format("{}", fmt::join(names, ","));
}

QueryResult MemberQuery(Session& s, const std::vector<std::string>& a) {
  const auto [broker, group] = FindCoordinatedGroup(s, a[0]);
  if (group == nullptr) return std::string("absent");
  const MemberMetadata* found = nullptr;
  for (const auto& [id, member] : group->members()) {
    if (member.group_instance_id == a[1]) found = &member;
  }
  for (const auto& [id, member] : group->members()) {
    if (found == nullptr && member.client_id == a[1]) found = &member;
  }
  if (found == nullptr) return std::string("absent");
  auto assignment = DecodeAssignment(found->assignment);
  return JoinPartitions(assignment ? assignment->partitions : std::vector<TopicPartition>{});
}

}  // namespace

void RegisterGroupQueries(Session& session) {
  session.queries().Register({.name = "member",
                              .usage = "member G ID   (ID: a group.instance.id, or a client.id)",
                              .arguments = 2,
                              .evaluate = MemberQuery});
  session.queries().Register({.name = "group",
                              .usage = "group G state|generation|members|coordinator|lag|assignment|processed|"
                                       "duplicated|lost",
                              .arguments = 2,
                              .evaluate = GroupQuery});
}

}  // namespace kafkasim
