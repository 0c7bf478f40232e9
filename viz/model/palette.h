#pragma once
// The canvas's colours, for the dark theme and the light high-contrast one (projectors wash out
// dark backgrounds). In the model so the screenshot test can look for exactly these pixels.
// Colour is never the only signal: a crashed node is also hatched and labelled, the leader also
// wears a crown and a thick border, a split also draws a dashed wall with group numbers.

#include "viz/model/packets.h"

namespace kafkasim::viz {

struct Palette {
  Rgb background;
  Rgb frame;        // a group's frame and title
  Rgb text;
  Rgb text_dim;
  Rgb node_zookeeper;  // running nodes, by kind
  Rgb node_broker;
  Rgb node_client;
  Rgb node_crashed;    // hatched, with "CRASHED"
  Rgb node_powered_off;
  Rgb node_stopped;
  Rgb leader;          // the leader's border and crown
  Rgb split;           // the wall between split groups
  Rgb cursor;          // the cursor on the scrub bar and in the space-time diagram
  Rgb highlight;       // the cause chain of the selected event
};

// The partition view's record cells, by leader epoch (cycling; the epoch is printed too).
Rgb EpochColor(int32_t epoch, bool light);

const Palette& DarkPalette();
const Palette& LightPalette();

}  // namespace kafkasim::viz
