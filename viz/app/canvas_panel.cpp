// The cluster canvas: the nodes grouped by part of Kafka, their state and role, the network
// split, and every message in flight as a packet on its way. Right-click a node to act on it.

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/disc_sprite.h"
#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"

namespace kafkasim::viz {
namespace {

Rgb FillOf(const NodeView& n, const Palette& p) {
  switch (n.state) {
    case NodeState::kCrashed: return p.node_crashed;
    case NodeState::kPoweredOff: return p.node_powered_off;
    case NodeState::kStopped: return p.node_stopped;
    case NodeState::kRunning: break;
  }
  if (n.kind == "zookeeper") return p.node_zookeeper;
  if (n.kind == "broker") return p.node_broker;
  return p.node_client;
}

void DashedRect(ImDrawList* draw, const Rect& r, ImU32 color, float dash, float thickness) {
  auto dashed = [&](ImVec2 a, ImVec2 b) {
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    for (float t = 0; t < len; t += 2 * dash) {
      const float t2 = std::min(len, t + dash);
      draw->AddLine(ImVec2(a.x + (b.x - a.x) * t / len, a.y + (b.y - a.y) * t / len),
                    ImVec2(a.x + (b.x - a.x) * t2 / len, a.y + (b.y - a.y) * t2 / len), color, thickness);
    }
  };
  dashed(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y));
  dashed(ImVec2(r.x + r.w, r.y), ImVec2(r.x + r.w, r.y + r.h));
  dashed(ImVec2(r.x + r.w, r.y + r.h), ImVec2(r.x, r.y + r.h));
  dashed(ImVec2(r.x, r.y + r.h), ImVec2(r.x, r.y));
}

Rgb RoleColor(ReplicaRole role, const Palette& p) {
  switch (role) {
    case ReplicaRole::kLeader: return p.leader;
    case ReplicaRole::kInSyncFollower: return p.text;
    case ReplicaRole::kOutOfSyncFollower: return p.highlight;
    case ReplicaRole::kOffline: return p.split;
  }
  return p.text;
}

// `text`, cut at a character boundary and ended with "…" when it is wider than `width`: the
// longest such start that fits with its ellipsis. A wider start never fits when a shorter one
// does not, so the cut is found by halving (a hundred broker boxes a frame cut their lines).
std::string FitWithEllipsis(std::string text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const std::string ellipsis = "\xE2\x80\xA6";
  // Where a UTF-8 character starts: not at a continuation byte (10xxxxxx).
  std::vector<size_t> cuts;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
  }
  std::string candidate;
  auto fits = [&](size_t cut) {
    candidate.assign(text, 0, cut);
    candidate += ellipsis;
    return ImGui::CalcTextSize(candidate.c_str()).x <= width;
  };
  // The first start (cuts[0] is 0: nothing but the ellipsis) is kept even when it does not fit.
  size_t lo = 0, hi = cuts.size();  // cuts[lo] is kept; cuts[hi] and beyond do not fit
  while (hi - lo > 1) {
    const size_t mid = lo + (hi - lo) / 2;
    if (fits(cuts[mid])) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  text.resize(cuts.empty() ? 0 : cuts[lo]);
  return text + ellipsis;
}

// "★ orders-0  ● orders-1  ○ orders-2", wrapped inside `area`; what does not fit is counted.
void DrawReplicaBadges(const BoxText& text, const NodeView& n, Rect area, const UiState& ui) {
  if (n.replicas.empty()) return;
  const Palette& pal = ui.palette();
  const float s = ui.scale;
  const float line = ImGui::GetFontSize() + 2 * s;
  const float gap = 10 * s;
  float x = area.x, y = area.y;
  // A line holds three badges at best: when most replicas could not be named (a broker holding
  // __consumer_offsets' fifty partitions, or many brokers in small boxes), how many replicas of
  // each role, "★ 26  ● 27", says more than one name and "+52".
  const int lines = static_cast<int>(area.h / line);
  if (n.replica_count > 1 && n.replica_count > 3 * lines) {
    for (const ReplicaRole role : {ReplicaRole::kLeader, ReplicaRole::kInSyncFollower, ReplicaRole::kOutOfSyncFollower,
                                   ReplicaRole::kOffline}) {
      const int count = n.role_counts[static_cast<size_t>(role)];
      if (count == 0) continue;
      const std::string glyph(RoleGlyph(role));
      const std::string number = fmt::format("{}", count);
      const float glyph_w = ImGui::CalcTextSize(glyph.c_str()).x;
      const float w = glyph_w + 3 * s + ImGui::CalcTextSize(number.c_str()).x;
      if (x + w > area.x + area.w || y + ImGui::GetFontSize() > area.y + area.h) break;
      text(ImVec2(x, y), Col(RoleColor(role, pal)), glyph);
      text(ImVec2(x + glyph_w + 3 * s, y), Col(pal.text), number);
      x += w + gap;
    }
    return;
  }
  size_t shown = 0;
  for (const ReplicaBadge& b : n.replicas) {
    const std::string glyph(RoleGlyph(b.role));
    const float glyph_w = ImGui::CalcTextSize(glyph.c_str()).x;
    const std::string partition = FitWithEllipsis(b.partition, area.w - glyph_w - 3 * s);
    const float w = glyph_w + 3 * s + ImGui::CalcTextSize(partition.c_str()).x;
    if (x > area.x && x + w > area.x + area.w) {
      x = area.x;
      y += line;
    }
    // Keep a line free for "+N more" when more remain than fit.
    const bool last_line = y + 2 * line > area.y + area.h;
    if (y + line > area.y + area.h || (last_line && x + w + 40 * s > area.x + area.w && shown + 1 < n.replicas.size())) break;
    text(ImVec2(x, y), Col(RoleColor(b.role, pal)), glyph);
    const Rgb color = b.role == ReplicaRole::kInSyncFollower || b.role == ReplicaRole::kLeader ? pal.text : pal.text_dim;
    text(ImVec2(x + glyph_w + 3 * s, y), Col(color), partition);
    x += w + gap;
    ++shown;
  }
  const int more = n.replica_count - static_cast<int>(shown);
  if (more > 0) {
    const std::string count = fmt::format("+{}", more);
    if (x + ImGui::CalcTextSize(count.c_str()).x > area.x + area.w) {
      x = area.x;
      y += line;
    }
    // Not even the count fits in a small box: the inspector lists the replicas.
    if (y + ImGui::GetFontSize() <= area.y + area.h) text(ImVec2(x, y), Col(pal.text_dim), count);
  }
}

void DrawNode(ImDrawList* draw, const NodeView& n, const Rect& r, const UiState& ui, bool partitioned) {
  const Palette& pal = ui.palette();
  const float s = ui.scale;
  const bool down = n.state != NodeState::kRunning;
  const ImVec2 a(r.x, r.y), b(r.x + r.w, r.y + r.h);
  const bool outlined = !(n.leader && !down);
  if (outlined) {
    AddFramedRoundedRect(draw, a, b, 6 * s, std::max(1.0f, std::floor(1.5f * s)), Col(FillOf(n, pal)), Col(pal.frame));
  } else {
    AddRoundedRectFilled(draw, a, b, 6 * s, Col(FillOf(n, pal)));
  }
  if (n.state == NodeState::kCrashed || n.state == NodeState::kPoweredOff) {
    AddHatch(draw, a, b, Col(pal.background, 0.35f), 12 * s, 2);  // "down" without relying on colour
  }
  if (!outlined) {
    draw->AddRect(ImVec2(r.x - 2 * s, r.y - 2 * s), ImVec2(r.x + r.w + 2 * s, r.y + r.h + 2 * s), Col(pal.leader),
                  8 * s, 0, 4 * s);
  }
  if (partitioned && n.split_group > 0) {
    DashedRect(draw, Rect{r.x - 6 * s, r.y - 6 * s, r.w + 12 * s, r.h + 12 * s}, Col(pal.split), 6 * s, 2 * s);
  }

  // Text: the name, then the role or the state in capitals, then details, then the replicas.
  const float line = ImGui::GetFontSize() + 2 * s;
  float y = r.y + 5 * s;
  const BoxText text{draw, ImVec4(r.x, r.y, r.x + r.w, r.y + r.h)};
  // A crown: the ensemble's leader, the controller (a star is a partition leader's), a crashed
  // controller's too while ZooKeeper still names it.
  std::string title = n.leader ? "\xE2\x99\x9B " + n.name : n.name;
  text(ImVec2(r.x + 8 * s, y), Col(pal.text), title);
  y += line;
  std::string second;
  if (down) {
    second = n.state == NodeState::kCrashed ? "\xE2\x9C\x96 CRASHED"
             : n.state == NodeState::kPoweredOff ? "\xE2\x9A\xA1 POWERED OFF"
                                                 : "\xE2\x96\xA0 stopped";
  } else {
    second = n.role.empty() ? "running" : n.role;
  }
  // A broker's summary shares the role's line, so that the replicas get the room below. In a
  // narrow box it takes a line of its own when the box is tall enough for that and a line of
  // replicas; in a small one (many brokers) it is left to the inspector.
  size_t first_detail = 0;
  if (!n.replicas.empty() && !n.details.empty() && !down) {
    const std::string shared = second + "  \xC2\xB7 " + n.details.front();
    const bool room_below = y + 3 * line <= r.y + r.h;
    if (ImGui::CalcTextSize(shared.c_str()).x <= r.w - 12 * s) {
      second = shared;
      first_detail = 1;
    } else if (!room_below) {
      first_detail = 1;
    }
  }
  second = FitWithEllipsis(second, r.w - 12 * s);
  text(ImVec2(r.x + 8 * s, y), Col(pal.text), second);
  y += line;
  for (size_t i = first_detail; i < n.details.size(); ++i) {
    if (y + line > r.y + r.h) break;
    text(ImVec2(r.x + 8 * s, y), Col(pal.text_dim), FitWithEllipsis(n.details[i], r.w - 12 * s));
    y += line;
  }
  DrawReplicaBadges(text, n, Rect{r.x + 8 * s, y, r.w - 12 * s, r.y + r.h - y}, ui);
  if (partitioned && n.split_group > 0) {
    const std::string side = fmt::format("split side {}", static_cast<char>('A' + n.split_group - 1));
    const ImVec2 size = ImGui::CalcTextSize(side.c_str());
    text(ImVec2(r.x + r.w - size.x - 6 * s, r.y + r.h - size.y - 3 * s), Col(pal.split), side);
  }
}

// Past a few dozen packets a route line each is a hairball that hides the nodes (and the
// software renderer's time goes into those long lines): a packet keeps a short trail instead,
// which still says where it comes from and which way it goes.
ImVec2 TrailStart(const PacketView& p, float s) {
  const float dx = p.pos.x - p.from.x, dy = p.pos.y - p.from.y, len = std::hypot(dx, dy);
  const float k = std::min(1.0f, 28 * s / std::max(len, 1.0f));
  return ImVec2(p.pos.x - dx * k, p.pos.y - dy * k);
}

void DrawTrail(ImDrawList* draw, const PacketView& p, ImU32 color, float s) {
  draw->AddLine(TrailStart(p, s), V(p.pos), color, 2 * s);
}

// Beyond this many messages in flight (a few busy brokers) each is a comet of its kind's colour,
// one a few pixels and kind: its head where the message is, its tail fading back towards the
// sender. Hundreds of ringed discs could not be told apart anyway, and one triangle a message is
// what the software renderer can draw in a frame (an ImGui draw list holds 65,536 vertices).
constexpr size_t kDrawnOneByOne = 300;

void DrawPacketCrowd(ImDrawList* draw, const std::vector<PacketView>& packets, float s) {
  auto cell = [&](Vec2 v) { return std::pair(static_cast<int>(v.x / (3 * s)), static_cast<int>(v.y / (3 * s))); };
  std::set<std::tuple<std::pair<int, int>, std::string_view>> dots;
  for (const PacketView& p : packets) {
    if (p.dying || !dots.emplace(cell(p.pos), p.category).second) continue;
    const Rgb color = StyleOf(p.category).color;
    AddWedge(draw, TrailStart(p, s), V(p.pos), 2.5f * s, Col(color, 0), Col(color));
  }
}

void DrawPackets(ImDrawList* draw, const std::vector<PacketView>& packets, const UiState& ui,
                 const History& history) {
  const Palette& pal = ui.palette();
  const float s = ui.scale;
  const bool labels = packets.size() <= 40;
  const bool crowd = packets.size() > kDrawnOneByOne;
  if (crowd) DrawPacketCrowd(draw, packets, s);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const PacketView* hovered = nullptr;
  for (const PacketView& p : packets) {
    const CategoryStyle& style = StyleOf(p.category);
    if (crowd && !p.dying) {
      if (std::hypot(mouse.x - p.pos.x, mouse.y - p.pos.y) < 8 * s) hovered = &p;
      continue;
    }
    if (labels || p.dying) {
      draw->AddLine(V(p.from), V(p.to), Col(style.color, 0.35f * p.alpha), 1.5f * s);
    } else {
      DrawTrail(draw, p, Col(style.color, 0.5f), s);
    }
    if (p.dying) {
      const float k = 8 * s;
      draw->AddLine(ImVec2(p.pos.x - k, p.pos.y - k), ImVec2(p.pos.x + k, p.pos.y + k), Col(pal.split, p.alpha), 3 * s);
      draw->AddLine(ImVec2(p.pos.x - k, p.pos.y + k), ImVec2(p.pos.x + k, p.pos.y - k), Col(pal.split, p.alpha), 3 * s);
      const std::string text = fmt::format("lost: {}", p.label);
      draw->AddText(ImVec2(p.pos.x + k + 2, p.pos.y - k), Col(pal.split, p.alpha), text.c_str());
    } else {
      AddDisc(draw, V(p.pos), 6.75f * s, Col(pal.background));
      AddDisc(draw, V(p.pos), 5.25f * s, Col(style.color));
      if (labels) {
        // On a plate, so that a label stays readable over a box or another line.
        const ImVec2 size = ImGui::CalcTextSize(p.label.data(), p.label.data() + p.label.size());
        const ImVec2 at(p.pos.x + 9 * s, p.pos.y - size.y - 2 * s);
        draw->AddRectFilled(ImVec2(at.x - 3 * s, at.y - 1 * s), ImVec2(at.x + size.x + 3 * s, at.y + size.y + 1 * s),
                            Col(pal.background, 0.8f), 3 * s);
        draw->AddText(at, Col(style.color), p.label.data(), p.label.data() + p.label.size());
      }
    }
    if (std::hypot(mouse.x - p.pos.x, mouse.y - p.pos.y) < 8 * s) hovered = &p;
  }
  if (hovered != nullptr && ImGui::IsWindowHovered()) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(hovered->label.data(), hovered->label.data() + hovered->label.size());
    ImGui::TextDisabled("%.*s -> %.*s  (%.*s)", static_cast<int>(hovered->sender.size()), hovered->sender.data(),
                        static_cast<int>(hovered->receiver.size()), hovered->receiver.data(),
                        static_cast<int>(hovered->category.size()), hovered->category.data());
    if (hovered->dying) ImGui::Text("lost: %s", hovered->drop_reason.c_str());
    if (auto send = history.timeline().Find(hovered->send_seq)) {
      ImGui::TextDisabled("%s", std::string(send->fields_json).c_str());
    }
    ImGui::EndTooltip();
  }
}

void NodeMenu(History& history, UiState& ui, const NodeView& n) {
  ImGui::TextDisabled("%s (%s)", n.name.c_str(), std::string(StateLabel(n.state)).c_str());
  ImGui::Separator();
  const bool down = n.state != NodeState::kRunning;
  if (ImGui::MenuItem("crash (kill -9)", nullptr, false, !down)) RunCommand(history, ui, "crash " + n.name);
  if (ImGui::MenuItem("power off", nullptr, false, !down)) RunCommand(history, ui, "power-off " + n.name);
  if (ImGui::MenuItem("restart", nullptr, false, down)) RunCommand(history, ui, "restart " + n.name);
  if (ImGui::MenuItem("isolate from the network")) RunCommand(history, ui, "network isolate " + n.name);
  if (ImGui::MenuItem("heal the network")) RunCommand(history, ui, "network heal");
  ImGui::Separator();
  if (ImGui::MenuItem("show its events in the log")) ui.log.node = n.name;
}

void DrawCaptions(ImDrawList* draw, const History& history, const UiState& ui, const FrameData& frame, Rect canvas) {
  const Captions c = CaptionsAt(history.timeline(), ui.look_back, frame.cursor_index, Duration::Seconds(3));
  if (c.narration.empty() && c.recent.empty()) return;
  const Palette& pal = ui.palette();
  const float s = ui.scale;
  const float wrap = canvas.w - 40 * s;
  std::string text = c.narration;
  for (const std::string& r : c.recent) {
    if (!text.empty()) text += '\n';
    text += r;
  }
  const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
  const ImVec2 a(canvas.x + 12 * s, canvas.y + canvas.h - size.y - 22 * s);
  // No plate under the text: the band is the canvas's own, and nothing is drawn there but this.
  draw->AddRect(a, ImVec2(a.x + size.x + 16 * s, a.y + size.y + 12 * s), Col(pal.frame), 6 * s);
  draw->AddText(nullptr, 0, ImVec2(a.x + 8 * s, a.y + 6 * s), Col(pal.text), text.c_str(), nullptr, wrap);
}

void CategoryToggles(UiState& ui) {
  ImGui::TextUnformatted("messages:");
  for (const CategoryStyle& style : CategoryStyles()) {
    ImGui::SameLine();
    const std::string name(style.category);
    bool shown = ui.packets.Shows(name);
    ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(Col(style.color)));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Col(style.color)));
    if (ImGui::Checkbox(std::string(style.legend).c_str(), &shown)) {
      if (shown) {
        ui.packets.hidden.erase(name);
      } else {
        ui.packets.hidden.insert(name);
      }
    }
    ImGui::PopStyleColor(2);
  }
}

}  // namespace

void DrawCanvasPanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Cluster", area, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const Palette& pal = ui.palette();
  CategoryToggles(ui);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Rect canvas{origin.x, origin.y, avail.x, avail.y};
  ImDrawList* draw = ImGui::GetWindowDrawList();

  // The captions get a band of their own at the bottom, so they never cover a node.
  const float caption_band = ui.captions ? 5.5f * ImGui::GetTextLineHeightWithSpacing() : 0;
  const float status_line = ImGui::GetTextLineHeightWithSpacing();
  const Layout layout = ComputeLayout(
      frame.cluster, Rect{canvas.x, canvas.y, canvas.w, canvas.h - caption_band - status_line}, LayoutOptions{.scale = ui.scale});
  for (const GroupFrame& f : layout.frames) {
    draw->AddRect(ImVec2(f.rect.x, f.rect.y), ImVec2(f.rect.x + f.rect.w, f.rect.y + f.rect.h), Col(pal.frame), 8 * ui.scale);
    // A narrow frame shortens its title rather than writing over its neighbour's.
    draw->PushClipRect(ImVec2(f.rect.x, f.rect.y), ImVec2(f.rect.x + f.rect.w - 6 * ui.scale, f.rect.y + f.rect.h), true);
    draw->AddText(ImVec2(f.rect.x + 10 * ui.scale, f.rect.y + 4 * ui.scale), Col(pal.text_dim), FitWithEllipsis(f.title, f.rect.w - 16 * ui.scale).c_str());
    draw->PopClipRect();
  }
  // What the network refuses: a split cuts both ways between its sides; a block one way only.
  std::vector<std::string> banners;
  if (frame.cluster.split) banners.emplace_back("NETWORK SPLIT: nodes on different sides (dashed red) cannot reach each other");
  if (!frame.cluster.blocked.empty()) {
    banners.push_back(fmt::format("BLOCKED one way (the other way works): {}", fmt::join(frame.cluster.blocked, ", ")));
  }
  for (size_t i = 0; i < banners.size(); ++i) {
    const std::string text = FitWithEllipsis(banners[i], canvas.w - 24 * ui.scale);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    draw->AddText(ImVec2(canvas.x + canvas.w - size.x - 12 * ui.scale, canvas.y + 4 * ui.scale + i * ImGui::GetTextLineHeight()),
                  Col(pal.split), text.c_str());
  }
  for (const NodeBox& box : layout.boxes) {
    if (const NodeView* n = frame.cluster.Find(box.name)) DrawNode(draw, *n, box.rect, ui, frame.cluster.partitioned);
    if (box.name == ui.focus_node) {
      DashedRect(draw, Rect{box.rect.x - 3, box.rect.y - 3, box.rect.w + 6, box.rect.h + 6}, Col(pal.highlight), 4, 2);
    }
  }

  PacketStats stats;
  ui.look_back.Update(history.timeline(), history.generation(),
                      [&](std::string_view node) { return history.IsTool(node); });
  const std::vector<PacketView> packets =
      PlacePackets(history.timeline(), ui.messages, ui.look_back, frame.cursor.time, layout, ui.packets, &stats);
  DrawPackets(draw, packets, ui, history);
  std::string counts = fmt::format("{} message(s) in flight, {} hidden by the filter", stats.in_flight, stats.hidden);
  if (stats.clipped > 0) counts += fmt::format(", {} more not drawn", stats.clipped);
  const float status_y = canvas.y + canvas.h - ImGui::GetFontSize() - 4 * ui.scale;
  draw->AddText(ImVec2(canvas.x + 10 * ui.scale, status_y), Col(pal.text_dim), counts.c_str());
  if (!frame.metadata.partitions.empty()) {
    // The legend of the replica glyphs, right-aligned on the status line.
    const char* legend =
        "\xE2\x99\x9B controller   \xE2\x98\x85 leader   \xE2\x97\x8F in-sync follower   "
        "\xE2\x97\x8B out-of-sync follower   \xE2\x9C\x96 offline";
    const float w = ImGui::CalcTextSize(legend).x;
    // Left out when the canvas is too narrow for both: the counts say more about this moment.
    if (ImGui::CalcTextSize(counts.c_str()).x + w + 30 * ui.scale <= canvas.w) {
      draw->AddText(ImVec2(canvas.x + canvas.w - w - 10 * ui.scale, status_y), Col(pal.text_dim), legend);
    }
  }
  if (ui.captions) DrawCaptions(draw, history, ui, frame, Rect{canvas.x, canvas.y, canvas.w, canvas.h - 18 * ui.scale});

  // Clicks: left selects a node, right opens its menu.
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("canvas", ImVec2(std::max(1.0f, avail.x), std::max(1.0f, avail.y)),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const NodeBox* hit = layout.Hit(M(ImGui::GetIO().MousePos));
  if (hit != nullptr && ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
    ui.focus_node = hit->name;
    if (auto target = ResolveInspectTarget(hit->name, frame.cluster, frame.metadata)) Inspect(ui, *target);
  }
  if (hit != nullptr && ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
    ui.focus_node = hit->name;
    ImGui::OpenPopup("node menu");
  }
  if (hit != nullptr && ImGui::IsItemHovered() && !ImGui::IsPopupOpen("node menu")) {
    ImGui::SetTooltip("%s: click to inspect it; right-click to crash, restart, power off or isolate it", hit->name.c_str());
  }
  if (ImGui::BeginPopup("node menu")) {
    if (const NodeView* n = frame.cluster.Find(ui.focus_node)) NodeMenu(history, ui, *n);
    ImGui::EndPopup();
  }
  ImGui::End();
}

}  // namespace kafkasim::viz
