#pragma once
// Where the canvas draws each node: a pure function of the cluster view and the canvas size,
// so a node keeps its place from frame to frame and tests can check the geometry.
//
// The canvas is three rows: the ZooKeeper ensemble on top; producers, brokers and consumer
// groups in the middle (data flows left to right through the brokers); Connect workers and
// command-line tools at the bottom. Empty rows take no space. Within a group, 3 to 8 nodes sit
// on an ellipse when it has room (every pair of nodes then has its own straight line for
// messages: a ZooKeeper ensemble is a triangle); otherwise, and for larger groups, on a grid
// chosen to fill the group's frame (12 brokers fit in two rows of boxes wide enough for their
// labels).

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "viz/model/cluster_view.h"

namespace kafkasim::viz {

struct Vec2 {
  float x = 0, y = 0;
};

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  Vec2 center() const { return {x + w / 2, y + h / 2}; }
  bool Contains(Vec2 p) const { return p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h; }
  bool Overlaps(const Rect& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

struct NodeBox {
  std::string name;
  Rect rect;
};

struct GroupFrame {
  NodeGroupKind kind = NodeGroupKind::kClient;
  std::string title;
  Rect rect;
};

struct LayoutOptions {
  float scale = 1;         // UI scale: boxes and gaps grow with the text
  float max_box_w = 230;   // at scale 1
  float max_box_h = 110;
  float min_box_h = 40;    // two lines of text: a row is not squeezed below it while others have room
  float min_box_w = 100;   // "broker-19": nor is a group narrowed below it
  float title_h = 24;      // a group frame's title line
  float gap = 14;
};

struct Layout {
  std::vector<GroupFrame> frames;
  std::vector<NodeBox> boxes;
  // By name, in O(1): every packet looks up both its ends every frame.
  const NodeBox* Find(std::string_view name) const;
  // The node whose box contains p, or null.
  const NodeBox* Hit(Vec2 p) const;

  // Called once the boxes are placed.
  void Index();

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // Looked up, never iterated.
  std::unordered_map<std::string, size_t, Hash, std::equal_to<>> by_name_;
};

Layout ComputeLayout(const ClusterView& view, Rect canvas, const LayoutOptions& options = {});

}  // namespace kafkasim::viz
