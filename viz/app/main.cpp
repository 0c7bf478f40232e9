// kafkasim-viz: the visualizer.
//
//   kafkasim-viz [SCENARIO] [--seed N] [--at T]
//   kafkasim-viz --lesson N|FILE [--seed N] [--at T]
//   kafkasim-viz SCENARIO --at 12s --screenshot out.png [--size 1600x900] [--view NAME]
//                [--inspect cluster|broker-1|zookeeper-0|orders-1] [--topic orders]
//   kafkasim-viz SCENARIO --at 60s --measure-frames 300 [--size 1600x900] [--view NAME]
//
// With no scenario it opens the classroom demo. Exit codes: 0 fine; 2 bad input; 3 no display.

#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "viz/app/app.h"

namespace {

constexpr const char* kDemo = KAFKASIM_SOURCE_DIR "/scenarios/classroom-demo.scn";

}  // namespace

int main(int argc, char** argv) {
  using kafkasim::viz::View;
  CLI::App app("kafkasim-viz: watch a kafkasim scenario run, step through it forwards and back, and act on it",
               "kafkasim-viz");
  kafkasim::viz::AppOptions options;
  std::string at, size, view = "overview";
  app.add_option("scenario", options.scenario, "the scenario (.scn); the classroom demo when left out");
  app.add_option("--seed", options.seed, "the random seed (overrides the scenario's seed: line)");
  app.add_option("--at", at, "start at this simulated time (e.g. 12s)");
  app.add_option("--screenshot", options.screenshot, "render the state at --at into this PNG and exit");
  app.add_option("--size", size, "the window size, WIDTHxHEIGHT (default 1600x900, or as last time)");
  app.add_option("--lesson", options.lesson,
                 "open a lesson (its number, or a file) in the lesson pane; with --at, its steps run up to that time");
  app.add_option("--view", view, "which panels: overview, canvas, spacetime, partition, lesson, explorer")
      ->check(CLI::IsMember({"overview", "canvas", "spacetime", "partition", "lesson", "explorer"}));
  app.add_option("--inspect", options.inspect, "inspect this first: cluster, a broker, a ZooKeeper server or a partition (orders-1)");
  std::string theme;
  app.add_option("--theme", theme, "dark, or light: high contrast for a projector")->check(CLI::IsMember({"dark", "light"}));
  app.add_option("--scale", options.scale, "UI scale for a classroom, 1 to 3")->check(CLI::Range(1.0f, 3.0f));
  app.add_option("--topic", options.topic, "the partition view's topic (default: the first)");
  app.add_option("--measure-frames", options.measure_frames,
                 "play N frames as fast as they render, print their CPU and whole-frame times, and exit")
      ->check(CLI::Range(1, 100000));
  CLI11_PARSE(app, argc, argv);

  if (!options.lesson.empty() && !options.scenario.empty()) {
    fmt::print(std::cerr, "kafkasim-viz: error: give a scenario or --lesson, not both (a lesson runs its own steps)\n");
    return 2;
  }
  if (options.scenario.empty() && options.lesson.empty()) options.scenario = kDemo;
  if (!theme.empty()) options.light = theme == "light";
  if (!at.empty()) {
    options.at = kafkasim::ParseDuration(at);
    if (!options.at) {
      fmt::print(std::cerr, "kafkasim-viz: error: --at '{}' is not a time (like 12s or 1.5m)\n", at);
      return 2;
    }
  }
  if (!size.empty()) {
    int w = 0, h = 0;
    char extra = 0;
    if (std::sscanf(size.c_str(), "%dx%d%c", &w, &h, &extra) != 2 || w < 320 || h < 240 || w > 8192 || h > 8192) {
      fmt::print(std::cerr, "kafkasim-viz: error: --size '{}' is not WIDTHxHEIGHT (like 1600x900, at least 320x240)\n", size);
      return 2;
    }
    options.width = w;
    options.height = h;
  }
  options.view = view == "canvas"      ? View::kCanvas
                 : view == "spacetime" ? View::kSpaceTime
                 : view == "partition" ? View::kPartition
                 : view == "lesson"    ? View::kLesson
                 : view == "explorer"  ? View::kExplorer
                                       : View::kOverview;
  // A lesson opens with its pane unless another view was asked for.
  if (!options.lesson.empty() && app.count("--view") == 0) options.view = View::kLesson;
  return kafkasim::viz::RunApp(options);
}
