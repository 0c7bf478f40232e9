#include "viz/model/layout.h"

#include <algorithm>
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

// The middle row carries the data path and gets the most room, and more as its largest group
// grows past six boxes (twenty brokers need three rows of boxes, not a taller ensemble).
constexpr float kRowWeight[3] = {1.0f, 1.6f, 0.8f};
constexpr float kWeightPerExtraBox = 0.1f;

float RowWeight(int row, const std::vector<const NodeGroupView*>& groups) {
  size_t largest = 0;
  for (const NodeGroupView* g : groups) largest = std::max(largest, g->nodes.size());
  const float extra = row == 1 && largest > 6 ? kWeightPerExtraBox * static_cast<float>(largest - 6) : 0;
  return kRowWeight[row] + extra;
}

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

// Splits `total` by `weights`, but no part below `min` while others have more than they need: the
// parts above the minimum give up the difference in proportion to what they have above it. When
// even that cannot make room, the plain proportional split.
std::vector<float> ShareWithMinimum(const std::vector<float>& weights, float total, float min) {
  float sum = 0;
  for (float w : weights) sum += w;
  std::vector<float> parts;
  float deficit = 0, surplus = 0;
  for (float w : weights) {
    parts.push_back(total * w / sum);
    if (parts.back() < min) deficit += min - parts.back();
    else surplus += parts.back() - min;
  }
  if (deficit == 0 || surplus < deficit) return parts;
  for (float& p : parts) p = p < min ? min : p - (p - min) * deficit / surplus;
  return parts;
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
  std::vector<int> used_rows;
  std::vector<float> row_weights;
  for (int r = 0; r < 3; ++r) {
    if (rows[r].empty()) continue;
    used_rows.push_back(r);
    row_weights.push_back(RowWeight(r, rows[r]));
  }
  if (used_rows.empty()) return layout;
  const float gap = o.gap * o.scale;
  const float title_h = o.title_h * o.scale;
  // On a short canvas (the Explorer's) no row is squeezed below a frame of boxes two text lines
  // high; beside twenty brokers a lone producer keeps a box wide enough for its name.
  const std::vector<float> row_heights =
      ShareWithMinimum(row_weights, canvas.h, title_h + 3 * gap + o.min_box_h * o.scale);
  float y = canvas.y;
  for (size_t k = 0; k < used_rows.size(); ++k) {
    const int r = used_rows[k];
    const float row_h = row_heights[k];
    // Groups share the row's width by how many nodes they hold (at least two boxes' worth each,
    // so a lone producer still has room for its label), except that the brokers, whose boxes
    // carry the replicas the lesson is about, keep a third of it beside forty producers.
    std::vector<float> units;
    float others = 0;
    for (const NodeGroupView* g : rows[r]) {
      units.push_back(std::max<float>(2, g->nodes.size()));
      if (g->kind != NodeGroupKind::kBroker) others += units.back();
    }
    for (size_t i = 0; i < rows[r].size(); ++i) {
      if (rows[r][i]->kind == NodeGroupKind::kBroker) units[i] = std::max(units[i], others / 2);
    }
    const std::vector<float> widths = ShareWithMinimum(units, canvas.w, 3 * gap + o.min_box_w * o.scale);
    float x = canvas.x;
    for (size_t i = 0; i < rows[r].size(); ++i) {
      const NodeGroupView* g = rows[r][i];
      const float w = widths[i];
      const Rect frame{x + gap / 2, y + gap / 2, w - gap, row_h - gap};
      layout.frames.push_back(GroupFrame{.kind = g->kind, .title = g->title, .rect = frame});
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
