#include "viz/model/layout.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

namespace kafkasim::viz {
namespace {

int RowOf(NodeGroupKind kind) {
  switch (kind) {
    case NodeGroupKind::kZooKeeper: return 0;
    case NodeGroupKind::kProducer:
    case NodeGroupKind::kBroker:
    case NodeGroupKind::kConsumerGroup: return 1;
    case NodeGroupKind::kConnect:
    case NodeGroupKind::kClient: return 2;
  }
  return 2;
}

// The middle row carries the data path and gets the most room.
constexpr float kRowWeight[3] = {1.0f, 1.6f, 0.8f};

// Places `count` boxes in `area` on the grid (rows x cols) that gives the largest boxes.
void PlaceGrid(const NodeGroupView& group, Rect area, const LayoutOptions& o, std::vector<NodeBox>& out) {
  const int n = static_cast<int>(group.nodes.size());
  const float gap = o.gap * o.scale;
  const float max_w = o.max_box_w * o.scale, max_h = o.max_box_h * o.scale;
  int best_cols = 1;
  float best_size = -1;
  for (int cols = 1; cols <= n; ++cols) {
    const int rows = (n + cols - 1) / cols;
    const float w = std::min(max_w, (area.w - gap * (cols + 1)) / cols);
    const float h = std::min(max_h, (area.h - gap * (rows + 1)) / rows);
    // Boxes hold a line of text: prefer wide ones (w counts double against h). On a tie, more
    // columns: a row reads better than a column.
    const float size = std::min(w, 2 * h);
    if (size > best_size - 0.5f) {
      best_size = size;
      best_cols = cols;
    }
  }
  const int cols = best_cols, rows = (n + cols - 1) / cols;
  const float w = std::max(1.0f, std::min(max_w, (area.w - gap * (cols + 1)) / cols));
  const float h = std::max(1.0f, std::min(max_h, (area.h - gap * (rows + 1)) / rows));
  for (int i = 0; i < n; ++i) {
    const int r = i / cols, c = i % cols;
    // The last row is centred when it is not full.
    const int in_row = r == rows - 1 ? n - r * cols : cols;
    const float row_w = in_row * w + (in_row - 1) * gap;
    const float x0 = area.x + (area.w - row_w) / 2;
    const float block_h = rows * h + (rows - 1) * gap;
    const float y0 = area.y + (area.h - block_h) / 2;
    out.push_back(NodeBox{.name = group.nodes[i].name,
                          .rect = Rect{x0 + c * (w + gap), y0 + r * (h + gap), w, h}});
  }
}

// Places 3 to 8 nodes on an ellipse filling `area`, the first at the top: every pair then has
// a direct line of its own, so a message between two nodes never crosses a third. Returns false
// (placing nothing) when the boxes would overlap or be smaller than the grid's.
bool PlaceRing(const NodeGroupView& group, Rect area, const LayoutOptions& o, float grid_w,
               std::vector<NodeBox>& out) {
  const int n = static_cast<int>(group.nodes.size());
  if (n < 3 || n > 8) return false;
  const float gap = o.gap * o.scale;
  const float w = std::min(o.max_box_w * o.scale, grid_w);
  const float h = std::min(o.max_box_h * o.scale, w / 2);
  const float rx = area.w / 2 - w / 2 - gap, ry = area.h / 2 - h / 2 - gap;
  if (rx <= 0 || ry <= 0) return false;
  const Vec2 c = area.center();
  std::vector<NodeBox> ring;
  for (int i = 0; i < n; ++i) {
    const double angle = -M_PI / 2 + 2 * M_PI * i / n;
    const float x = c.x + rx * static_cast<float>(std::cos(angle));
    const float y = c.y + ry * static_cast<float>(std::sin(angle));
    ring.push_back(NodeBox{.name = group.nodes[i].name, .rect = Rect{x - w / 2, y - h / 2, w, h}});
  }
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      const Rect& a = ring[i].rect;
      const Rect grown{a.x - gap, a.y - gap, a.w + 2 * gap, a.h + 2 * gap};
      if (grown.Overlaps(ring[j].rect)) return false;
    }
  }
  out.insert(out.end(), ring.begin(), ring.end());
  return true;
}

// Each row's height: its weight's share of the canvas, but on a short canvas (the Explorer's) no
// row shrinks below a frame holding boxes of two text lines; the rows above that minimum give up
// the difference in proportion to what they have above it.
std::array<float, 3> RowHeights(const std::vector<const NodeGroupView*> (&rows)[3], float canvas_h, float total_weight,
                                const LayoutOptions& o) {
  std::array<float, 3> heights{};
  const float min_h = (o.title_h + 3 * o.gap + o.min_box_h) * o.scale;
  float deficit = 0, surplus = 0;
  for (int r = 0; r < 3; ++r) {
    heights[r] = rows[r].empty() ? 0 : canvas_h * kRowWeight[r] / total_weight;
    if (rows[r].empty()) continue;
    if (heights[r] < min_h) deficit += min_h - heights[r];
    else surplus += heights[r] - min_h;
  }
  if (deficit == 0 || surplus < deficit) return heights;  // nothing to fix, or no room to fix it
  for (int r = 0; r < 3; ++r) {
    if (rows[r].empty()) continue;
    heights[r] = heights[r] < min_h ? min_h : heights[r] - (heights[r] - min_h) * deficit / surplus;
  }
  return heights;
}

}  // namespace

const NodeBox* Layout::Find(std::string_view name) const {
  const auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &boxes[it->second];
}

void Layout::Index() {
  by_name_.clear();
  for (size_t i = 0; i < boxes.size(); ++i) by_name_.emplace(boxes[i].name, i);
}

const NodeBox* Layout::Hit(Vec2 p) const {
  for (const NodeBox& box : boxes) {
    if (box.rect.Contains(p)) return &box;
  }
  return nullptr;
}

Layout ComputeLayout(const ClusterView& view, Rect canvas, const LayoutOptions& o) {
  Layout layout;
  std::vector<const NodeGroupView*> rows[3];
  for (const NodeGroupView& group : view.groups) rows[RowOf(group.kind)].push_back(&group);
  float total_weight = 0;
  for (int r = 0; r < 3; ++r) {
    if (!rows[r].empty()) total_weight += kRowWeight[r];
  }
  if (total_weight == 0) return layout;
  const float gap = o.gap * o.scale;
  const std::array<float, 3> row_heights = RowHeights(rows, canvas.h, total_weight, o);
  float y = canvas.y;
  for (int r = 0; r < 3; ++r) {
    if (rows[r].empty()) continue;
    const float row_h = row_heights[r];
    // Groups share the row's width by how many nodes they hold (at least two boxes' worth each,
    // so a lone producer still has room for its label).
    float units = 0;
    for (const NodeGroupView* g : rows[r]) units += std::max<float>(2, g->nodes.size());
    float x = canvas.x;
    for (const NodeGroupView* g : rows[r]) {
      const float w = canvas.w * std::max<float>(2, g->nodes.size()) / units;
      const Rect frame{x + gap / 2, y + gap / 2, w - gap, row_h - gap};
      layout.frames.push_back(GroupFrame{.kind = g->kind, .title = g->title, .rect = frame});
      const float title_h = o.title_h * o.scale;
      const Rect inside{frame.x, frame.y + title_h, frame.w, frame.h - title_h};
      const size_t first = layout.boxes.size();
      PlaceGrid(*g, inside, o, layout.boxes);
      const float grid_w = layout.boxes.size() > first ? layout.boxes[first].rect.w : 0;
      std::vector<NodeBox> ring;
      if (PlaceRing(*g, inside, o, grid_w, ring)) {
        layout.boxes.resize(first);
        layout.boxes.insert(layout.boxes.end(), ring.begin(), ring.end());
      }
      x += w;
    }
    y += row_h;
  }
  layout.Index();
  return layout;
}

}  // namespace kafkasim::viz
