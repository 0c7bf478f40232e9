#include "viz/model/palette.h"

namespace kafkasim::viz {

Rgb EpochColor(int32_t epoch, bool light) {
  static constexpr Rgb kDark[] = {{40, 90, 140}, {40, 120, 80}, {120, 70, 140}, {140, 100, 40}, {60, 110, 120}};
  static constexpr Rgb kLight[] = {{170, 210, 250}, {180, 235, 190}, {225, 200, 245}, {250, 220, 170}, {190, 230, 235}};
  const size_t i = static_cast<size_t>(epoch < 0 ? 0 : epoch) % 5;
  return light ? kLight[i] : kDark[i];
}

const Palette& DarkPalette() {
  static const Palette p{
      .background = {24, 26, 32},
      .frame = {80, 86, 100},
      .text = {235, 235, 240},
      .text_dim = {150, 155, 165},
      .node_zookeeper = {72, 62, 150},
      .node_broker = {30, 96, 150},
      .node_client = {60, 100, 70},
      .node_crashed = {150, 30, 30},
      .node_powered_off = {60, 60, 60},
      .node_stopped = {90, 90, 90},
      .leader = {255, 200, 40},
      .split = {255, 80, 80},
      .cursor = {255, 255, 255},
      .highlight = {255, 140, 0},
  };
  return p;
}

const Palette& LightPalette() {
  static const Palette p{
      .background = {255, 255, 255},
      .frame = {40, 40, 40},
      .text = {0, 0, 0},
      .text_dim = {70, 70, 70},
      .node_zookeeper = {200, 190, 255},
      .node_broker = {170, 215, 255},
      .node_client = {190, 235, 200},
      .node_crashed = {255, 170, 170},
      .node_powered_off = {170, 170, 170},
      .node_stopped = {215, 215, 215},
      .leader = {160, 100, 0},
      .split = {200, 0, 0},
      .cursor = {0, 0, 0},
      .highlight = {220, 90, 0},
  };
  return p;
}

}  // namespace kafkasim::viz
