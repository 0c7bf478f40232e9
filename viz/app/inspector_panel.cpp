// The inspector: the broker-centric overview of the cluster, a broker, a ZooKeeper server or a
// partition, with the column names the Kafka browsers use (Kafka UI, AKHQ). Click a node on the
// canvas or a partition in the partition view to inspect it; "cluster" goes back to the overview.

#include <fmt/format.h>
#include <imgui.h>

#include "sim/broker/broker_part.h"
#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"
#include "viz/model/broker_inspector.h"
#include "viz/model/znode_view.h"

namespace kafkasim::viz {
namespace {

constexpr ImGuiTableFlags kTable = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;

std::string Id(BrokerId id) { return id == kNoLeader ? "none" : fmt::format("{}", id.value()); }
std::string Hw(const std::optional<Offset>& hw) { return hw ? fmt::format("{}", hw->value()) : "-"; }

std::string Bytes(int64_t n) {
  if (n < 10'000) return fmt::format("{} B", n);
  if (n < 10'000'000) return fmt::format("{:.1f} KB", n / 1024.0);
  return fmt::format("{:.1f} MB", n / (1024.0 * 1024.0));
}

void Cells(std::initializer_list<std::string> cells) {
  ImGui::TableNextRow();
  for (const std::string& c : cells) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(c.c_str());
  }
}

void Headers(std::initializer_list<const char*> names) {
  for (const char* n : names) ImGui::TableSetupColumn(n);
  ImGui::TableHeadersRow();
}

void List(const char* what, const std::vector<std::string>& names) {
  ImGui::Text("%s (%zu):", what, names.size());
  ImGui::SameLine();
  if (names.empty()) {
    ImGui::TextDisabled("none");
  } else {
    ImGui::TextWrapped("%s", fmt::format("{}", fmt::join(names, ", ")).c_str());
  }
}

void DrawOverview(History& history, UiState& ui, const FrameData& frame) {
  const ClusterOverview o = BuildClusterOverview(history.probe().session(), frame.metadata);
  ImGui::Text("Brokers \xC2\xB7 %d partitions", o.partitions);
  ImGui::SameLine();
  ImGui::TextDisabled("(as %s)", o.source.empty() ? "nobody knows yet" : o.source.c_str());
  if (ImGui::BeginTable("brokers", 9, kTable)) {
    Headers({"Broker", "State", "Replicas", "Leaders", "Preferred", "In sync", "Out of sync", "URP", "Logs"});
    for (const BrokerOverviewRow& r : o.brokers) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string name = r.controller ? "\xE2\x99\x9B " + r.name : r.name;
      if (ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
        Inspect(ui, InspectTarget{.kind = InspectKind::kBroker, .name = r.name});
      }
      for (const std::string& c : {std::string(StateLabel(r.state)), fmt::format("{}", r.replicas),
                                   fmt::format("{}", r.leaders), fmt::format("{}", r.preferred),
                                   fmt::format("{}", r.in_sync), fmt::format("{}", r.out_of_sync),
                                   fmt::format("{}", r.under_replicated), Bytes(r.log_bytes)}) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.c_str());
      }
    }
    ImGui::EndTable();
  }
  ImGui::TextDisabled("Preferred: partitions whose first replica it is. URP: those it leads with a short ISR.");
  List("Under-replicated partitions", o.under_replicated);
  List("Offline partitions", o.offline);
  List("Led by another than the preferred leader", o.not_preferred);
}

void PartitionRows(const char* id, const std::vector<BrokerPartitionRow>& rows, UiState& ui) {
  if (rows.empty()) {
    ImGui::TextDisabled("  none");
    return;
  }
  if (!ImGui::BeginTable(id, 7, kTable)) return;
  Headers({"Partition", "Role", "Leader", "Preferred", "ISR", "LEO", "HW"});
  for (const BrokerPartitionRow& r : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(r.partition.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
      Inspect(ui, InspectTarget{.kind = InspectKind::kPartition, .name = r.partition});
    }
    const std::string preferred = r.preferred_leader == r.leader ? Id(r.preferred_leader) : Id(r.preferred_leader) + " (not leading)";
    for (const std::string& c : {fmt::format("{} {}", RoleGlyph(r.role), RoleName(r.role)), Id(r.leader), preferred,
                                 fmt::format("[{}]{}", JoinIds(r.isr), r.under_replicated ? " under-replicated" : ""),
                                 fmt::format("{}", r.log_end_offset.value()), Hw(r.high_watermark)}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.c_str());
    }
  }
  ImGui::EndTable();
}

void DrawBroker(History& history, UiState& ui, const FrameData& frame, BrokerId id) {
  const BrokerInspector b = InspectBroker(history.probe().session(), frame.metadata, id);
  ImGui::Text("%s%s \xC2\xB7 %s%s", b.controller ? "\xE2\x99\x9B " : "", b.name.c_str(),
              std::string(StateLabel(b.state)).c_str(), b.controller ? " \xC2\xB7 the active controller" : "");
  ImGui::Text("Leads %zu partition(s):", b.led.size());
  PartitionRows("led", b.led, ui);
  ImGui::Text("Follows %zu partition(s):", b.followed.size());
  PartitionRows("followed", b.followed, ui);
  List("Preferred leader of, but not leading", b.preferred_elsewhere);
  if (b.cache_controller) {
    ImGui::Text("Metadata cache: controller %s (epoch %d), live brokers [%s], %zu topic(s)", Id(*b.cache_controller).c_str(),
                b.cache_controller_epoch, JoinIds(b.cache_live_brokers).c_str(), b.cache_topics);
  } else {
    ImGui::TextDisabled("Metadata cache: %s", b.state == NodeState::kRunning ? "not yet updated" : "none (the process is down)");
  }
  ImGui::Text("Logs on disk: %s", Bytes(b.log_bytes).c_str());
  if (!b.config.empty() && ImGui::TreeNode("Config")) {
    if (ImGui::BeginTable("config", 2, kTable)) {
      Headers({"Key", "Value"});
      for (const auto& [k, v] : b.config) Cells({k, v});
      ImGui::EndTable();
    }
    ImGui::TreePop();
  }
}

void DrawZooKeeper(History& history, const std::string& server) {
  const ZooKeeperInspector z = InspectZooKeeper(history.probe().session(), server);
  ImGui::Text("%s \xC2\xB7 %s%s \xC2\xB7 last zxid 0x%llx \xC2\xB7 %zu session(s), %zu client(s), %zu watch(es)",
              z.server.c_str(), z.role.c_str(), z.serving ? ", serving" : "", static_cast<unsigned long long>(z.last_zxid),
              z.sessions, z.connected_clients, z.watches);
  ImGui::TextDisabled("The znode tree as %s has it", z.source.c_str());
  if (!ImGui::BeginTable("znodes", 5, kTable | ImGuiTableFlags_ScrollY)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  Headers({"Znode", "Data", "Version", "Children (cversion)", "Ephemeral owner"});
  for (const ZnodeRow& r : z.znodes) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Indent(r.depth * 10.0f);
    ImGui::TextUnformatted(r.depth == 0 ? "/" : r.name.c_str());
    ImGui::Unindent(r.depth * 10.0f);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.path.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.data.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", r.version);
    ImGui::TableNextColumn();
    ImGui::Text("%d (%d)", r.children, r.cversion);
    ImGui::TableNextColumn();
    if (r.ephemeral_owner != 0) {
      ImGui::Text("0x%llx %s", static_cast<unsigned long long>(r.ephemeral_owner), r.owner.c_str());
    } else {
      ImGui::TextDisabled("persistent");
    }
  }
  if (z.hidden > 0) Cells({fmt::format("{} more", z.hidden)});
  ImGui::EndTable();
}

void DrawPartition(History& history, UiState& ui, const FrameData& frame, const std::string& name) {
  const PartitionInfo* p = nullptr;
  for (const PartitionInfo& candidate : frame.metadata.partitions) {
    if (candidate.name == name) p = &candidate;
  }
  if (p == nullptr) {
    ImGui::TextDisabled("%s does not exist at this point of the history.", name.c_str());
    return;
  }
  Session& session = history.probe().session();
  ImGui::Text("%s \xC2\xB7 leader %s \xC2\xB7 leader epoch %d \xC2\xB7 ISR [%s] \xC2\xB7 replicas [%s]", p->name.c_str(),
              Id(p->leader).c_str(), p->leader_epoch, JoinIds(p->isr).c_str(), JoinIds(p->replicas).c_str());
  if (p->offline) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(ui.palette().split)), "OFFLINE: no live leader");
  } else if (p->leader_down) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(ui.palette().split)),
                       "its leader's process is down; the controller does not know yet");
  }
  if (p->leader != kNoLeader && p->leader != p->preferred_leader()) {
    ImGui::Text("The preferred leader is %s: it leads again after a preferred-leader election.",
                BrokerName(session, p->preferred_leader()).c_str());
  }
  const ReplicaInfo* leader = p->LeaderReplica();
  if (!ImGui::BeginTable("replicas", 6, kTable)) return;
  Headers({"Replica", "Role", "Log start", "LEO", "HW", "Lag (leader LEO - LEO)"});
  for (const ReplicaInfo& r : p->replica_states) {
    const std::string lag = leader != nullptr && leader->has_log && r.has_log
                                ? fmt::format("{}", leader->log_end_offset - r.log_end_offset)
                                : "-";
    Cells({BrokerName(session, r.broker), fmt::format("{} {}", RoleGlyph(r.role), RoleName(r.role)),
           r.has_log ? fmt::format("{}", r.log_start_offset.value()) : "-",
           r.has_log ? fmt::format("{}", r.log_end_offset.value()) : "-", Hw(r.high_watermark), lag});
  }
  ImGui::EndTable();
  ImGui::TextDisabled("HW: consumers read below it. LEO: the next offset this replica writes.");
}

}  // namespace

void Inspect(UiState& ui, InspectTarget target) {
  ui.inspect = std::move(target);
  ui.details_tab_request = 1;
}

void DrawInspectorContent(History& history, UiState& ui, const FrameData& frame) {
  if (ui.inspect.kind != InspectKind::kCluster) {
    if (ImGui::SmallButton("< cluster")) Inspect(ui, InspectTarget{});
    ImGui::SameLine();
  }
  switch (ui.inspect.kind) {
    case InspectKind::kCluster:
      DrawOverview(history, ui, frame);
      return;
    case InspectKind::kBroker: {
      for (const auto& [id, node] : history.probe().session().part<BrokerPart>().brokers()) {
        if (history.probe().session().sim().node(node).name() == ui.inspect.name) {
          DrawBroker(history, ui, frame, id);
          return;
        }
      }
      ImGui::TextDisabled("%s is not a broker at this point of the history.", ui.inspect.name.c_str());
      return;
    }
    case InspectKind::kZooKeeper:
      DrawZooKeeper(history, ui.inspect.name);
      return;
    case InspectKind::kPartition:
      DrawPartition(history, ui, frame, ui.inspect.name);
      return;
  }
}

void DrawInspectorPanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Inspector", area, ImGuiWindowFlags_HorizontalScrollbar);
  DrawInspectorContent(history, ui, frame);
  ImGui::End();
}

}  // namespace kafkasim::viz
