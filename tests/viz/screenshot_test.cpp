// The real thing, headless: kafkasim-viz renders the classroom demo at 20 s into a PNG under
// xvfb-run (Mesa's software OpenGL), and the picture must show what happened by then — the
// running ZooKeeper server and brokers and the crashed broker-1, drawn in their colours — not
// just exist.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <fmt/format.h>

// No SIMD: its shift intrinsics need the constant folding that -O0 (the sanitizer build) skips.
#define STBI_NO_SIMD
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

#include "viz/model/palette.h"

namespace kafkasim::viz {
namespace {

#ifdef KAFKASIM_VIZ_BINARY

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
  size_t Count(Rgb c) const {
    size_t n = 0;
    for (size_t i = 0; i + 2 < rgb.size(); i += 3) {
      n += rgb[i] == c.r && rgb[i + 1] == c.g && rgb[i + 2] == c.b;
    }
    return n;
  }
  size_t Colors() const {
    std::map<uint32_t, int> seen;
    for (size_t i = 0; i + 2 < rgb.size() && seen.size() < 5000; i += 3) {
      seen[(rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2]] = 1;
    }
    return seen.size();
  }
};

bool Have(const char* program) {
  return std::system(fmt::format("command -v {} >/dev/null 2>&1", program).c_str()) == 0;
}

// Runs kafkasim-viz with `args` under xvfb-run (or on the display there is); returns its exit code.
int RunViz(const std::string& args) {
  std::string prefix;
  if (Have("xvfb-run")) {
    prefix = "xvfb-run -a -s '-screen 0 1600x900x24' ";
  } else if (std::getenv("DISPLAY") == nullptr) {
    return -1;
  }
  // Under the sanitizers, Mesa's software driver leaks a few blocks from a module it has unloaded
  // by exit, where no suppression can name it; the app's own code is checked by the model tests.
  prefix = "ASAN_OPTIONS=\"${ASAN_OPTIONS:-}:detect_leaks=0\" " + prefix;
  const std::string command = fmt::format("{}{} {} >/dev/null", prefix, KAFKASIM_VIZ_BINARY, args);
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
}

Image Load(const std::filesystem::path& path) {
  Image image;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
  if (data == nullptr) return image;
  image.rgb.assign(data, data + static_cast<size_t>(image.width) * image.height * 3);
  stbi_image_free(data);
  return image;
}

// Renders kafkasim-viz `args` at 1600x900 into an image; none when there is no display to render
// on (no xvfb-run, no DISPLAY).
std::optional<Image> Screenshot(const std::string& args) {
  const auto png = std::filesystem::temp_directory_path() / fmt::format("kafkasim-viz-test-{}.png", getpid());
  const int code = RunViz(fmt::format("{} --screenshot {} --size 1600x900", args, png.string()));
  if (code == -1) {
    WARN("no xvfb-run and no DISPLAY: the screenshot test cannot run here");
    return std::nullopt;
  }
  REQUIRE(code == 0);
  Image image = Load(png);
  std::filesystem::remove(png);
  REQUIRE(image.width == 1600);
  REQUIRE(image.height == 900);
  return image;
}

TEST_CASE("a screenshot of the classroom demo at 20 s shows the cluster with broker-1 crashed", "[screenshot]") {
  const std::optional<Image> shot = Screenshot(fmt::format("{}/scenarios/classroom-demo.scn --at 20s", KAFKASIM_SOURCE_DIR));
  if (!shot) return;
  const Image& image = *shot;
  const Palette& p = DarkPalette();
  // Node boxes of about 210 x 96 px: ZooKeeper, two running brokers, broker-1 crashed (its
  // stripes take some).
  CHECK(image.Count(p.node_zookeeper) > 8000);
  CHECK(image.Count(p.node_broker) > 2 * 8000);
  CHECK(image.Count(p.node_crashed) > 5000);
  CHECK(image.Count(p.background) > 100000);  // the canvas
  CHECK(image.Colors() > 200);                // text, panels, packets: not a blank frame
}

TEST_CASE("a screenshot of the partition view shows the logs' records and the truncated ones", "[screenshot]") {
  const std::optional<Image> shot = Screenshot(
      fmt::format("{}/scenarios/acks-1-truncation.scn --at 45s --view partition --inspect orders-1", KAFKASIM_SOURCE_DIR));
  if (!shot) return;
  const Image& image = *shot;
  const Palette& p = DarkPalette();
  // orders-1: three replicas with two records each in epoch 0 (cells of about 86 x 32 px, less
  // their text), and broker-1's two truncated offsets outlined in the split colour.
  CHECK(image.Count(EpochColor(0, false)) > 6 * 1500);
  CHECK(image.Count(p.split) > 300);
}

// Thresholds for the lesson pane and the explorer, from their pictures at 1600x900 (see below).
constexpr size_t kLessonDoneMin = 700;      // 1474 at 40 s of lesson 1
constexpr size_t kLessonHeadingMin = 300;   // 610 (scrolled to the section of the last step)
constexpr size_t kChartLineMin = 400;       // 1068 at 60 s of the classroom demo
constexpr size_t kExplorerHeaderMin = 4000; // 8813

// Pixels of colour `c` inside [x0, x1) x [y0, y1).
size_t CountIn(const Image& image, Rgb c, int x0, int y0, int x1, int y1) {
  size_t n = 0;
  for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y) {
    for (int x = std::max(0, x0); x < std::min(image.width, x1); ++x) {
      const unsigned char* p = &image.rgb[(static_cast<size_t>(y) * image.width + x) * 3];
      n += p[0] == c.r && p[1] == c.g && p[2] == c.b;
    }
  }
  return n;
}

TEST_CASE("a screenshot of lesson 1 in the pane shows its steps done and the cluster they built", "[screenshot]") {
  const std::optional<Image> shot = Screenshot("--lesson 1 --at 40s --view lesson");
  if (!shot) return;
  const Image& image = *shot;
  const Palette& p = DarkPalette();
  // The pane (the left 40%): the done steps' frames and check marks in the running broker's
  // green, the headings in the leader's gold; no failed checkpoint in the split colour.
  CHECK(CountIn(image, p.node_broker, 0, 100, 640, 900) > kLessonDoneMin);
  CHECK(CountIn(image, p.leader, 0, 100, 640, 900) > kLessonHeadingMin);
  CHECK(CountIn(image, p.split, 0, 100, 640, 900) < 50);
  // The canvas beside it: ZooKeeper and the broker the lesson started.
  CHECK(CountIn(image, p.node_zookeeper, 640, 100, 1600, 600) > 8000);
  CHECK(CountIn(image, p.node_broker, 640, 100, 1600, 600) > 8000);
}

TEST_CASE("a screenshot of the explorer shows the topics' tree, a page of messages and the charts", "[screenshot]") {
  const std::optional<Image> shot = Screenshot(
      fmt::format("{}/scenarios/classroom-demo.scn --at 60s --view explorer", KAFKASIM_SOURCE_DIR));
  if (!shot) return;
  const Image& image = *shot;
  // The explorer (left half): the busiest partition's page of messages, a table whose header row
  // (ImGui's TableHeaderBg) spans the detail pane: drawn only when the page has rows.
  CHECK(CountIn(image, Rgb{48, 48, 51}, 390, 150, 790, 210) > kExplorerHeaderMin);
  // The charts (bottom right): ImGui's plot lines in their default colour.
  CHECK(CountIn(image, Rgb{156, 156, 156}, 990, 500, 1600, 900) > kChartLineMin);
  CHECK(image.Colors() > 200);
}

// Bad input is refused before any window opens, so these need no display.
int RunDirect(const std::string& args) {
  const int status = std::system(fmt::format("{} {} >/dev/null 2>&1", KAFKASIM_VIZ_BINARY, args).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
}

TEST_CASE("bad arguments and a missing scenario are refused with exit code 2") {
  CHECK(RunDirect("--size 12 --screenshot x.png") == 2);
  CHECK(RunDirect("--at soon --screenshot x.png") == 2);
  CHECK(RunDirect("--view nowhere") != 0);
  CHECK(RunDirect(fmt::format("{}/scenarios/acks-1-truncation.scn --at 3s --inspect orders-9 --screenshot x.png",
                              KAFKASIM_SOURCE_DIR)) == 2);
  CHECK(RunDirect(fmt::format("{}/no-such.scn --screenshot x.png", KAFKASIM_SOURCE_DIR)) == 2);
  CHECK(RunDirect("--lesson 98 --screenshot x.png") == 2);  // no such lesson
  CHECK(RunDirect(fmt::format("{}/scenarios/first-steps.scn --lesson 1 --screenshot x.png", KAFKASIM_SOURCE_DIR)) == 2);
}

#endif

}  // namespace
}  // namespace kafkasim::viz
