// The Explorer: the cluster as Offset Explorer shows it — a tree of brokers, topics and their
// partitions, and consumer groups on the left; on the right, what is selected: a partition's
// messages (offset, key, value, timestamp, headers) a page at a time, a topic's partitions, a
// group's committed offsets and lag, a broker. Read from viz/model/explorer.h with the cluster
// models (app.cpp's BuildFrame), as often as they are.

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"
#include "viz/model/explorer.h"

namespace kafkasim::viz {
namespace {

constexpr ImGuiTableFlags kExplorerTable = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                           ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY |
                                           ImGuiTableFlags_ScrollX;
constexpr size_t kPageRows = 100;

using Pick = UiState::ExplorerPick;

std::string ExplorerId(BrokerId id) { return id == kNoLeader ? "none" : fmt::format("{}", id.value()); }

std::string ExplorerIds(const std::vector<BrokerId>& ids) {
  std::string out;
  for (BrokerId id : ids) {
    if (!out.empty()) out += ',';
    out += ExplorerId(id);
  }
  return out;
}

void ExplorerRow(std::initializer_list<std::string> cells) {
  ImGui::TableNextRow();
  for (const std::string& c : cells) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(c.c_str());
  }
}

void ExplorerHeaders(std::initializer_list<const char*> names) {
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* n : names) ImGui::TableSetupColumn(n);
  ImGui::TableHeadersRow();
}

bool ExplorerLeaf(UiState& ui, Pick pick, const std::string& name, const std::string& label) {
  const bool selected = ui.explorer_pick == pick && ui.explorer_name == name;
  ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen | ImGuiTreeNodeFlags_SpanAvailWidth;
  if (selected) flags |= ImGuiTreeNodeFlags_Selected;
  ImGui::TreeNodeEx(name.c_str(), flags, "%s", label.c_str());
  if (!ImGui::IsItemClicked()) return false;
  ui.explorer_pick = pick;
  ui.explorer_name = name;
  return true;
}

// "orders  (3 partitions, 180 messages)"
std::string TopicLabel(const ExplorerTopic& t) {
  return fmt::format("{}  ({} partitions, {} messages)", t.name, t.partitions.size(), t.messages);
}

void DrawExplorerTree(UiState& ui, const ExplorerTree& tree) {
  const Palette& pal = ui.palette();
  ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  if (ImGui::TreeNode("brokers", "Brokers (%zu)", tree.brokers.size())) {
    for (const ExplorerBroker& b : tree.brokers) {
      if (!b.running) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Col(pal.split)));
      ExplorerLeaf(ui, Pick::kBroker, b.name,
           fmt::format("{}{}{}", b.name, b.controller ? "  \xE2\x99\x9B controller" : "", b.running ? "" : "  (down)"));
      if (!b.running) ImGui::PopStyleColor();
    }
    ImGui::TreePop();
  }
  ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  if (ImGui::TreeNode("topics", "Topics (%zu)", tree.topics.size())) {
    for (const ExplorerTopic& t : tree.topics) {
      ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_SpanAvailWidth | ImGuiTreeNodeFlags_OpenOnArrow;
      if (ui.explorer_pick == Pick::kTopic && ui.explorer_name == t.name) flags |= ImGuiTreeNodeFlags_Selected;
      const bool open = ImGui::TreeNodeEx(t.name.c_str(), flags, "%s", TopicLabel(t).c_str());
      if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) {
        ui.explorer_pick = Pick::kTopic;
        ui.explorer_name = t.name;
      }
      if (!open) continue;
      ImGuiListClipper clipper;  // __consumer_offsets has 50 partitions; a big topic thousands
      clipper.Begin(static_cast<int>(t.partitions.size()));
      while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
          const ExplorerPartition& p = t.partitions[static_cast<size_t>(i)];
          const std::string label = fmt::format("partition {}  (leader {}, {} messages){}", p.partition, ExplorerId(p.leader),
                                                p.messages(), p.offline ? "  OFFLINE" : p.under_replicated ? "  URP" : "");
          if (ExplorerLeaf(ui, Pick::kPartition, p.name, label)) {
            ui.explorer_tp = TopicPartition{t.name, p.partition};
            ui.explorer_tail = true;
          }
        }
      }
      ImGui::TreePop();
    }
    ImGui::TreePop();
  }
  ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  if (ImGui::TreeNode("groups", "Consumer groups (%zu)", tree.groups.size())) {
    for (const ExplorerGroup& g : tree.groups) {
      ExplorerLeaf(ui, Pick::kGroup, g.id, fmt::format("{}  ({}, lag {})", g.id, g.state, g.lag));
    }
    ImGui::TreePop();
  }
}

void DrawExplorerMessages(History& history, UiState& ui, const FrameData& frame) {
  MessagePage page = ReadMessages(history.probe().session(), frame.metadata, ui.explorer_tp, ui.explorer_from, 0);
  ImGui::Text("%s", page.partition.c_str());
  ImGui::SameLine();
  if (!page.error.empty()) {
    ImGui::TextDisabled("%s", page.error.c_str());
    return;
  }
  ImGui::TextDisabled("offsets %lld to %lld readable (log start offset to high watermark)",
                      static_cast<long long>(page.begin), static_cast<long long>(page.end));
  const int64_t last_page = std::max(page.begin, page.end - static_cast<int64_t>(kPageRows));
  if (ui.explorer_tail) ui.explorer_from = last_page;
  if (ImGui::Button("Oldest")) {
    ui.explorer_tail = false;
    ui.explorer_from = page.begin;
  }
  ImGui::SameLine();
  if (ImGui::Button("Previous")) {
    ui.explorer_tail = false;
    ui.explorer_from = std::max(page.begin, ui.explorer_from - static_cast<int64_t>(kPageRows));
  }
  ImGui::SameLine();
  if (ImGui::Button("Next")) {
    ui.explorer_from = std::min(last_page, ui.explorer_from + static_cast<int64_t>(kPageRows));
    ui.explorer_tail = ui.explorer_from >= last_page;
  }
  ImGui::SameLine();
  ImGui::Checkbox("Newest", &ui.explorer_tail);
  page = ReadMessages(history.probe().session(), frame.metadata, ui.explorer_tp, ui.explorer_from, kPageRows);
  if (page.rows.empty()) {
    ImGui::TextDisabled("no messages");
    return;
  }
  if (ImGui::BeginTable("messages", 5, kExplorerTable)) {
    ExplorerHeaders({"Offset", "Key", "Value", "Timestamp", "Headers"});
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(page.rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const MessageRow& m = page.rows[static_cast<size_t>(i)];
        std::string headers;
        for (const auto& [k, v] : m.headers) headers += fmt::format("{}{}={}", headers.empty() ? "" : ", ", k, v);
        // Simulated time: Kafka's timestamps are milliseconds since the epoch of the simulated clock.
        ExplorerRow({fmt::format("{}", m.offset), m.key.value_or("(null)"), m.value.value_or("(null)"),
                     FormatTime(Time::Zero() + Duration::Millis(m.timestamp_ms)), headers});
      }
    }
    ImGui::EndTable();
  }
}

void DrawExplorerTopic(UiState& ui, const ExplorerTree& tree) {
  for (const ExplorerTopic& t : tree.topics) {
    if (t.name != ui.explorer_name) continue;
    ImGui::Text("Topic %s%s: %zu partitions, %lld messages", t.name.c_str(), t.internal ? " (internal)" : "",
                t.partitions.size(), static_cast<long long>(t.messages));
    if (ImGui::BeginTable("partitions", 7, kExplorerTable)) {
      ExplorerHeaders({"Partition", "Leader", "Replicas", "In sync", "Start offset", "End offset (HW)", "Messages"});
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(t.partitions.size()));
      while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
          const ExplorerPartition& p = t.partitions[static_cast<size_t>(i)];
          ExplorerRow({fmt::format("{}", p.partition), p.offline ? "offline" : ExplorerId(p.leader), ExplorerIds(p.replicas),
                       ExplorerIds(p.isr), p.log_start_offset ? fmt::format("{}", p.log_start_offset->value()) : "-",
                       p.high_watermark ? fmt::format("{}", p.high_watermark->value()) : "-", fmt::format("{}", p.messages())});
        }
      }
      ImGui::EndTable();
    }
    return;
  }
  ImGui::TextDisabled("topic %s is gone", ui.explorer_name.c_str());
}

void DrawExplorerGroup(UiState& ui, const ExplorerTree& tree) {
  for (const ExplorerGroup& g : tree.groups) {
    if (g.id != ui.explorer_name) continue;
    ImGui::Text("Group %s: %s, generation %d, %s, coordinator %s", g.id.c_str(), g.state.c_str(), g.generation,
                g.protocol.empty() ? "no assignor yet" : g.protocol.c_str(), ExplorerId(g.coordinator).c_str());
    ImGui::Text("Members (%zu): %s", g.members.size(), fmt::format("{}", fmt::join(g.members, ", ")).c_str());
    ImGui::Text("Total lag: %lld", static_cast<long long>(g.lag));
    if (ImGui::BeginTable("offsets", 5, kExplorerTable)) {
      ExplorerHeaders({"Partition", "Committed offset", "Log end offset", "Lag", "Consumer"});
      for (const ExplorerGroupOffset& o : g.offsets) {
        ExplorerRow({o.name, o.committed >= 0 ? fmt::format("{}", o.committed) : "-",
                     o.log_end_offset ? fmt::format("{}", *o.log_end_offset) : "-", o.lag ? fmt::format("{}", *o.lag) : "-",
                     o.member});
      }
      ImGui::EndTable();
    }
    return;
  }
  ImGui::TextDisabled("group %s is gone (deleted, or its coordinator is down)", ui.explorer_name.c_str());
}

void DrawExplorerBroker(UiState& ui, const ExplorerTree& tree) {
  for (const ExplorerBroker& b : tree.brokers) {
    if (b.name != ui.explorer_name) continue;
    ImGui::Text("Broker %s (id %s): %s%s", b.name.c_str(), ExplorerId(b.id).c_str(), b.running ? "running" : "down",
                b.controller ? ", the active controller" : "");
    ImGui::Text("Leads %d partitions; has a replica of %d", b.leaders, b.replicas);
    ImGui::TextDisabled("Click the broker on the canvas for its partitions and config (the inspector).");
    return;
  }
}

}  // namespace

void DrawExplorerPanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Explorer", area);
  std::optional<ExplorerTree> built_here;
  if (!frame.explorer) built_here = BuildExplorer(history.probe().session(), frame.metadata);
  const ExplorerTree& tree = frame.explorer ? *frame.explorer : *built_here;
  // Nothing picked: the first partition of the first topic that has messages, as a newcomer wants.
  if (ui.explorer_pick == Pick::kNone) {
    for (const ExplorerTopic& t : tree.topics) {
      if (t.internal || t.partitions.empty()) continue;
      const ExplorerPartition* best = &t.partitions.front();
      for (const ExplorerPartition& p : t.partitions) best = p.messages() > best->messages() ? &p : best;
      ui.explorer_pick = Pick::kPartition;
      ui.explorer_name = best->name;
      ui.explorer_tp = TopicPartition{t.name, best->partition};
      break;
    }
  }
  // As wide as its longest topic line needs (__consumer_offsets with its counts), within a third
  // to a half of the panel: the messages' table keeps the rest.
  float widest = 0;
  for (const ExplorerTopic& t : tree.topics) widest = std::max(widest, ImGui::CalcTextSize(TopicLabel(t).c_str()).x);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float needed = widest + 2 * style.IndentSpacing + ImGui::GetFontSize() + 2 * style.WindowPadding.x + style.ScrollbarSize;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float tree_w = std::clamp(needed, avail / 3, avail / 2);
  ImGui::BeginChild("explorer-tree", ImVec2(tree_w, 0), true);
  DrawExplorerTree(ui, tree);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("explorer-detail", ImVec2(0, 0), true);
  switch (ui.explorer_pick) {
    case Pick::kNone:
      ImGui::TextDisabled("No topic yet: create one (kafka-topics.sh --create) and pick it in the tree.");
      break;
    case Pick::kBroker:
      DrawExplorerBroker(ui, tree);
      break;
    case Pick::kTopic:
      DrawExplorerTopic(ui, tree);
      break;
    case Pick::kPartition:
      DrawExplorerMessages(history, ui, frame);
      break;
    case Pick::kGroup:
      DrawExplorerGroup(ui, tree);
      break;
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace kafkasim::viz
