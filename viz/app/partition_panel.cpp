// The partition view: for the chosen topic, each partition's replicas as log strips lined up
// offset for offset — records with their keys, coloured and numbered by leader epoch, batch and
// segment boundaries, log start, LEO and high watermark — and what a truncation cut. Click a
// partition's title to inspect it.

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/disc_sprite.h"
#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"

namespace kafkasim::viz {
namespace {

// Labelled vertical marks under a strip ("start 0", "HW 2", "LEO 4"), left to right. Marks at
// one offset share a label ("HW 2 = LEO 2"); a label that would overlap the one before goes to
// the second row.
struct Marks {
  struct Entry {
    float x;
    std::string label;
    ImU32 color;
  };
  std::vector<Entry> entries;
  void Add(float x, std::string label, ImU32 color) {
    if (!entries.empty() && std::abs(entries.back().x - x) < 1) {
      entries.back().label += " = " + label;
      entries.back().color = color;
      return;
    }
    entries.push_back(Entry{x, std::move(label), color});
  }
  void Draw(ImDrawList* draw, float top, float bottom, float s) const {
    float row_end[2] = {-1e9f, -1e9f};
    for (const Entry& e : entries) {
      const float w = ImGui::CalcTextSize(e.label.c_str()).x;
      const int row = e.x >= row_end[0] ? 0 : 1;
      row_end[row] = e.x + w + 6 * s;
      const float y = bottom + 1 * s + row * ImGui::GetFontSize();
      draw->AddLine(ImVec2(e.x, top - 2 * s), ImVec2(e.x, y + ImGui::GetFontSize()), e.color, 2 * s);
      draw->AddText(ImVec2(e.x + 3 * s, y), e.color, e.label.c_str());
    }
  }
};

void DrawStrip(ImDrawList* draw, const PartitionLog& p, const ReplicaStrip& strip, Offset committed, ImVec2 origin,
               float label_w, float cell_w, float cell_h, const UiState& ui) {
  const Palette& pal = ui.palette();
  const float s = ui.scale;
  // The replica: its role glyph and broker.
  const std::string label = fmt::format("{} {}", RoleGlyph(strip.role), strip.broker_name);
  draw->AddText(ImVec2(origin.x, origin.y + (cell_h - ImGui::GetFontSize()) / 2),
                Col(strip.role == ReplicaRole::kLeader ? pal.leader : strip.role == ReplicaRole::kOffline ? pal.split : pal.text),
                label.c_str());
  const float x0 = origin.x + label_w;
  auto x_of = [&](Offset o) { return x0 + static_cast<float>(o - p.window_begin) * cell_w; };
  const float top = origin.y, bottom = origin.y + cell_h;
  if (!strip.has_log) {
    draw->AddText(ImVec2(x0, top + (cell_h - ImGui::GetFontSize()) / 2), Col(pal.text_dim), "no log on this broker yet");
    return;
  }
  // The track: the offsets the replica holds in the window.
  const Offset held_begin = std::max(p.window_begin, strip.log_start_offset);
  const Offset held_end = std::min(p.window_end, strip.log_end_offset);
  if (held_end > held_begin) {
    draw->AddRect(ImVec2(x_of(held_begin), top), ImVec2(x_of(held_end), bottom), Col(pal.frame), 2 * s);
  }
  const bool keys = cell_w >= 58 * s;
  for (const RecordCell& c : strip.records) {
    const ImVec2 a(x_of(c.offset) + 1, top + 1), b(x_of(c.offset + 1) - 1, bottom - 1);
    AddRoundedRectFilled(draw, a, b, 3 * s, Col(EpochColor(c.epoch, ui.light)));
    // Not yet committed (at or above the leader's high watermark): hatched.
    if (c.offset >= committed) AddHatch(draw, a, b, Col(pal.background, 0.5f), 6 * s, 1);
    if (c.batch_start) draw->AddLine(ImVec2(a.x, a.y), ImVec2(a.x, b.y), Col(pal.text, 0.8f), 2 * s);
    const BoxText text{draw, ImVec4(a.x, a.y, b.x, b.y)};
    text(ImVec2(a.x + 3 * s, a.y + 1 * s), Col(pal.text),
         cell_w >= 34 * s ? fmt::format("{} e{}", c.offset.value(), c.epoch) : fmt::format("{}", c.offset.value()));
    if (keys) text(ImVec2(a.x + 3 * s, a.y + ImGui::GetFontSize()), Col(pal.text_dim), c.has_key ? c.key : "null");
    if (ImGui::IsMouseHoveringRect(a, b)) {
      ImGui::SetTooltip("offset %lld, leader epoch %d\nkey: %s\nvalue: %s\ntimestamp: %lld ms",
                        static_cast<long long>(c.offset.value()), c.epoch, c.has_key ? c.key.c_str() : "null",
                        c.has_value ? c.value.c_str() : "null", static_cast<long long>(c.timestamp_ms));
    }
  }
  // What a truncation cut and the log has not refilled: lost cells.
  if (strip.truncation) {
    const Truncation& t = *strip.truncation;
    for (Offset o = std::max({t.to, strip.log_end_offset, p.window_begin}); o < std::min(t.from, p.window_end); o = o + 1) {
      const ImVec2 a(x_of(o) + 1, top + 1), b(x_of(o + 1) - 1, bottom - 1);
      draw->AddRect(a, b, Col(pal.split), 3 * s, 0, 1.5f * s);
      draw->AddLine(a, b, Col(pal.split, 0.7f), 1.5f * s);
    }
    const std::string text = fmt::format("\xE2\x9C\x82 truncated {} \xE2\x86\x92 {} at {}", t.from.value(), t.to.value(),
                                         FormatTime(t.time));
    const float x = x_of(std::min(t.from, p.window_end)) + 6 * s;
    draw->AddText(ImVec2(x, top + (cell_h - ImGui::GetFontSize()) / 2), Col(pal.split), text.c_str());
  }
  // Segment boundaries: a thick bar at each base offset inside the window.
  for (Offset base : strip.segment_bases) {
    if (base <= p.window_begin || base >= p.window_end) continue;
    const float x = x_of(base);
    draw->AddLine(ImVec2(x, top - 4 * s), ImVec2(x, bottom + 4 * s), Col(pal.text), 3 * s);
  }
  // Marks under the strip.
  Marks marks;
  if (strip.log_start_offset >= p.window_begin) {
    marks.Add(x_of(strip.log_start_offset), fmt::format("start {}", strip.log_start_offset.value()), Col(pal.text_dim));
  }
  if (strip.high_watermark && *strip.high_watermark >= p.window_begin) {
    marks.Add(x_of(*strip.high_watermark), fmt::format("HW {}", strip.high_watermark->value()), Col(pal.leader));
  }
  marks.Add(x_of(strip.log_end_offset), fmt::format("LEO {}", strip.log_end_offset.value()), Col(pal.cursor));
  marks.Draw(draw, top, bottom, s);
}

}  // namespace

void DrawPartitionPanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Partitions", area);
  const Palette& pal = ui.palette();
  const float s = ui.scale;
  const std::vector<std::string> topics = frame.metadata.Topics();
  if (topics.empty()) {
    ImGui::TextWrapped("No topic yet. Create one (kafka-topics.sh --create ...) and its partitions' logs appear here.");
    ImGui::End();
    return;
  }
  if (std::find(topics.begin(), topics.end(), ui.topic) == topics.end()) ui.topic = topics.front();
  ImGui::SetNextItemWidth(180 * s);
  if (ImGui::BeginCombo("topic", ui.topic.c_str())) {
    for (const std::string& t : topics) {
      if (ImGui::Selectable(t.c_str(), t == ui.topic)) ui.topic = t;
    }
    ImGui::EndCombo();
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("cells: records (offset, leader epoch e#, key) \xC2\xB7 hatched: above the high watermark, "
                      "not committed \xC2\xB7 thick bar: a segment starts \xC2\xB7 red: truncated. "
                      "HW: consumers read below it \xC2\xB7 LEO: the next offset written");
  ImGui::PopTextWrapPos();

  // Only the truncations up to the cursor count.
  std::vector<Truncation> truncations;
  for (const Truncation& t : ui.truncations) {
    if (t.seq <= frame.cursor.seq) truncations.push_back(t);
  }
  // Fifty partitions' strips are some 5,000 cells; a screen shows three partitions' worth. Only
  // those the scroll shows are read and drawn; the others keep their place.
  TopicLogView view = BuildTopicLogView(history.probe().session(), frame.metadata, ui.topic, truncations,
                                        PartitionViewOptions{.read_records = false});

  ImGui::BeginChild("strips", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float label_w = 120 * s;
  const float cell_h = 2 * ImGui::GetFontSize() + 4 * s;
  const float marks_h = 2 * ImGui::GetFontSize() + 6 * s;
  const float avail = ImGui::GetContentRegionAvail().x - label_w - 230 * s;  // room for a truncation note
  for (PartitionLog& p : view.partitions) {
    ImGui::PushID(p.name.c_str());
    std::string title = fmt::format("{}  leader {}  epoch {}  ISR [{}]", p.name,
                                    p.leader == kNoLeader ? std::string("none") : fmt::format("{}", p.leader.value()),
                                    p.leader_epoch, JoinIds(p.isr));
    if (p.offline) title += "  \xE2\x9C\x96 OFFLINE";
    else if (p.under_replicated) title += "  \xE2\x9A\xA0 under-replicated";
    const bool selected = ui.inspect.kind == InspectKind::kPartition && ui.inspect.name == p.name;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Col(p.offline ? pal.split : pal.text)));
    if (ImGui::Selectable(title.c_str(), selected)) Inspect(ui, InspectTarget{.kind = InspectKind::kPartition, .name = p.name});
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("click to inspect %s", p.name.c_str());
    const int64_t offsets = std::max<int64_t>(1, p.window_end - p.window_begin);
    const float cell_w = std::clamp(avail / static_cast<float>(offsets), 14 * s, 90 * s);
    if (p.window_end == p.window_begin) {
      // Nothing to line up: the replicas in one line.
      std::string line = "   ";
      for (const ReplicaStrip& strip : p.strips) {
        line += fmt::format("{} {}  ", RoleGlyph(strip.role), strip.broker_name);
      }
      line += fmt::format("\xC2\xB7 empty (LEO {})", p.window_end.value());
      ImGui::TextDisabled("%s", line.c_str());
      ImGui::Spacing();
      ImGui::PopID();
      continue;
    }
    // Records at or above the high watermark are not committed: the leader's, or while the leader
    // is down, the highest a live replica knows.
    std::optional<Offset> committed;
    for (const ReplicaStrip& strip : p.strips) {
      if (strip.broker == p.leader && strip.high_watermark) committed = strip.high_watermark;
    }
    if (!committed) {
      for (const ReplicaStrip& strip : p.strips) {
        if (strip.high_watermark && (!committed || *strip.high_watermark > *committed)) committed = strip.high_watermark;
      }
    }
    const ImVec2 strip_size(label_w + offsets * cell_w + 230 * s, cell_h + marks_h);
    const bool shown = ImGui::IsRectVisible(
        ImVec2(strip_size.x, (strip_size.y + ImGui::GetStyle().ItemSpacing.y) * static_cast<float>(p.strips.size())));
    if (shown) ReadRecords(history.probe().session(), p);
    for (const ReplicaStrip& strip : p.strips) {
      const ImVec2 origin = ImGui::GetCursorScreenPos();
      if (shown) {
        DrawStrip(draw, p, strip, committed.value_or(p.window_end), ImVec2(origin.x, origin.y + 4 * s), label_w, cell_w,
                  cell_h, ui);
      }
      ImGui::Dummy(strip_size);
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  if (view.hidden_partitions > 0) ImGui::TextDisabled("%zu more partitions not drawn", view.hidden_partitions);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace kafkasim::viz
