#include "viz/model/layout.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>

namespace kafkasim::viz {
namespace {

ClusterView Cluster(int zookeepers, int brokers, int producers = 0, int clients = 0) {
  ClusterView view;
  auto add = [&](NodeGroupKind kind, const char* prefix, const char* node_kind, int n) {
    if (n == 0) return;
    NodeGroupView g{.kind = kind, .title = std::string(GroupTitle(kind))};
    for (int i = 0; i < n; ++i) g.nodes.push_back(NodeView{.name = fmt::format("{}-{}", prefix, i), .kind = node_kind});
    view.groups.push_back(std::move(g));
    view.nodes += n;
  };
  add(NodeGroupKind::kZooKeeper, "zookeeper", "zookeeper", zookeepers);
  add(NodeGroupKind::kProducer, "producer", "producer", producers);
  add(NodeGroupKind::kBroker, "broker", "broker", brokers);
  add(NodeGroupKind::kClient, "zookeeper-shell", "client", clients);
  return view;
}

const Rect kCanvas{0, 0, 990, 560};  // the overview's canvas at 1600x900

TEST_CASE("1 to 12 brokers get boxes inside the canvas, apart and large enough for their labels") {
  for (int brokers = 1; brokers <= 12; ++brokers) {
    INFO(brokers << " brokers");
    const ClusterView view = Cluster(3, brokers, 1, 1);
    const Layout layout = ComputeLayout(view, kCanvas);
    REQUIRE(layout.boxes.size() == view.nodes);
    for (size_t i = 0; i < layout.boxes.size(); ++i) {
      const Rect& r = layout.boxes[i].rect;
      CHECK(r.x >= kCanvas.x);
      CHECK(r.y >= kCanvas.y);
      CHECK(r.x + r.w <= kCanvas.x + kCanvas.w);
      CHECK(r.y + r.h <= kCanvas.y + kCanvas.h);
      // "broker-11" and "following (leader)" in a 15 px font, two lines at least.
      CHECK(r.w >= 90);
      CHECK(r.h >= 40);
      for (size_t j = i + 1; j < layout.boxes.size(); ++j) CHECK_FALSE(r.Overlaps(layout.boxes[j].rect));
    }
  }
}

TEST_CASE("the ensemble sits above the brokers and the tools below them") {
  const Layout layout = ComputeLayout(Cluster(3, 4, 0, 2), kCanvas);
  const float zk = layout.Find("zookeeper-0")->rect.y;
  const float broker = layout.Find("broker-0")->rect.y;
  const float tool = layout.Find("zookeeper-shell-0")->rect.y;
  CHECK(zk < broker);
  CHECK(broker < tool);
}

TEST_CASE("a node keeps its place when nothing about the cluster changed") {
  const ClusterView view = Cluster(3, 5);
  const Layout a = ComputeLayout(view, kCanvas);
  const Layout b = ComputeLayout(view, kCanvas);
  for (size_t i = 0; i < a.boxes.size(); ++i) {
    CHECK(a.boxes[i].rect.x == b.boxes[i].rect.x);
    CHECK(a.boxes[i].rect.y == b.boxes[i].rect.y);
  }
}

TEST_CASE("a lone ensemble uses the whole canvas and boxes grow with the UI scale") {
  const Layout one = ComputeLayout(Cluster(3, 0), kCanvas, LayoutOptions{.scale = 1});
  const Layout two = ComputeLayout(Cluster(3, 0), kCanvas, LayoutOptions{.scale = 2});
  REQUIRE(one.frames.size() == 1);
  CHECK(one.frames[0].rect.h > kCanvas.h * 0.9f);
  CHECK(two.boxes[0].rect.w > one.boxes[0].rect.w);
}

TEST_CASE("on a short canvas (the Explorer's) the ensemble's row is not squeezed below two lines of text") {
  const Rect explorer{0, 0, 700, 240};
  const Layout layout = ComputeLayout(Cluster(1, 3, 2), explorer);
  for (const NodeBox& box : layout.boxes) {
    INFO(box.name);
    CHECK(box.rect.h >= 40);
    CHECK(box.rect.y + box.rect.h <= explorer.y + explorer.h);
  }
  // The overview's canvas has room for every row's weighted share: nothing moves there.
  const Layout overview = ComputeLayout(Cluster(1, 3, 2), kCanvas);
  CHECK(overview.frames[0].rect.h == Approx(kCanvas.h / 2.6f - LayoutOptions{}.gap));
}

TEST_CASE("twenty brokers get more rows of boxes rather than a taller ensemble, and keep readable names") {
  const Layout layout = ComputeLayout(Cluster(1, 20, 1), kCanvas);
  for (const NodeBox& box : layout.boxes) {
    INFO(box.name);
    CHECK(box.rect.w >= 90);  // "broker-19"
    CHECK(box.rect.h >= 40);
  }
}

TEST_CASE("five brokers beside forty producers keep a third of the row, with room for their replicas") {
  const Layout layout = ComputeLayout(Cluster(1, 5, 40), kCanvas);
  for (int i = 0; i < 5; ++i) {
    const NodeBox* box = layout.Find(fmt::format("broker-{}", i));
    REQUIRE(box != nullptr);
    // "controller · leads 10" and a line of replica glyphs; squeezed by count they had 70 px.
    CHECK(box->rect.w >= 130);
  }
  for (const GroupFrame& frame : layout.frames) {
    if (frame.kind == NodeGroupKind::kBroker) CHECK(frame.rect.w >= kCanvas.w / 3 - LayoutOptions{}.gap);
  }
}

TEST_CASE("Hit finds the node under a point") {
  const Layout layout = ComputeLayout(Cluster(3, 2), kCanvas);
  const NodeBox* b = layout.Find("broker-1");
  REQUIRE(b != nullptr);
  CHECK(layout.Hit(b->rect.center())->name == "broker-1");
  CHECK(layout.Hit(Vec2{-5, -5}) == nullptr);
}

}  // namespace
}  // namespace kafkasim::viz
