#include "viz/app/disc_sprite.h"

#include <algorithm>
#include <cmath>

namespace kafkasim::viz {
namespace {

// The atlas rect holds the disc and a clear border of one texel, so that filtering at the quad's
// edge never reads a neighbouring glyph.
int disc_rect = -1;
int disc_texels = 0;  // the disc's diameter in the atlas
constexpr int kBorder = 1;

}  // namespace

void ReserveDiscInAtlas(ImFontAtlas& atlas, float scale) {
  // Packets and marks are 10 to 20 pixels across at scale 1: a picture that size is drawn
  // near its own size, neither blurred by stretching nor jagged by shrinking.
  disc_texels = std::max(8, static_cast<int>(std::lround(16 * scale)));
  disc_rect = atlas.AddCustomRectRegular(disc_texels + 2 * kBorder, disc_texels + 2 * kBorder);
}

void PaintDiscInAtlas(ImFontAtlas& atlas) {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &width, &height);
  const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(disc_rect);
  if (pixels == nullptr || rect == nullptr || !rect->IsPacked()) return;
  const float r = disc_texels / 2.0f;
  for (int y = 0; y < rect->Height; ++y) {
    for (int x = 0; x < rect->Width; ++x) {
      // Coverage of the texel by the disc, smoothed over one texel at the edge.
      const float dx = x + 0.5f - kBorder - r, dy = y + 0.5f - kBorder - r;
      const float coverage = std::clamp(r - std::sqrt(dx * dx + dy * dy) + 0.5f, 0.0f, 1.0f);
      unsigned char* texel = pixels + 4 * ((rect->Y + y) * width + rect->X + x);
      texel[0] = texel[1] = texel[2] = 255;
      texel[3] = static_cast<unsigned char>(std::lround(coverage * 255));
    }
  }
}

namespace {

// The disc's picture in the atlas, or null before it is painted.
const ImFontAtlasCustomRect* DiscRect() {
  const ImFontAtlasCustomRect* rect = disc_rect < 0 ? nullptr : ImGui::GetIO().Fonts->GetCustomRectByIndex(disc_rect);
  return rect != nullptr && rect->IsPacked() ? rect : nullptr;
}

// Draws the part of the disc between fractions `from` and `to` of its width and height (0 to 1,
// left/top to right/bottom) into the screen rectangle [a, b].
void AddDiscPart(ImDrawList* draw, const ImFontAtlasCustomRect& rect, ImVec2 from, ImVec2 to, ImVec2 a, ImVec2 b,
                 ImU32 color) {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  ImVec2 uv0, uv1;
  atlas.CalcCustomRectUV(&rect, &uv0, &uv1);
  const float span = disc_texels + 2.0f * kBorder;
  auto uv = [&](float fx, float fy) {
    return ImVec2(uv0.x + (uv1.x - uv0.x) * (kBorder + fx * disc_texels) / span,
                  uv0.y + (uv1.y - uv0.y) * (kBorder + fy * disc_texels) / span);
  };
  draw->AddImage(atlas.TexID, a, b, uv(from.x, from.y), uv(to.x, to.y), color);
}

}  // namespace

void AddDisc(ImDrawList* draw, ImVec2 center, float radius, ImU32 color) {
  const ImFontAtlasCustomRect* rect = DiscRect();
  if (rect == nullptr) {
    draw->AddCircleFilled(center, radius, color);
    return;
  }
  // The smoothed edge lies inside the disc's texels: the quad is the disc's own square.
  AddDiscPart(draw, *rect, ImVec2(0, 0), ImVec2(1, 1), ImVec2(center.x - radius, center.y - radius),
              ImVec2(center.x + radius, center.y + radius), color);
}

namespace {

// A quarter of the disc, of radius `r`, in each corner of [a, b]: the corners of a rounded box.
void AddDiscCorners(ImDrawList* draw, const ImFontAtlasCustomRect& rect, ImVec2 a, ImVec2 b, float r, ImU32 color) {
  AddDiscPart(draw, rect, ImVec2(0, 0), ImVec2(0.5f, 0.5f), a, ImVec2(a.x + r, a.y + r), color);
  AddDiscPart(draw, rect, ImVec2(0.5f, 0), ImVec2(1, 0.5f), ImVec2(b.x - r, a.y), ImVec2(b.x, a.y + r), color);
  AddDiscPart(draw, rect, ImVec2(0, 0.5f), ImVec2(0.5f, 1), ImVec2(a.x, b.y - r), ImVec2(a.x + r, b.y), color);
  AddDiscPart(draw, rect, ImVec2(0.5f, 0.5f), ImVec2(1, 1), ImVec2(b.x - r, b.y - r), b, color);
}

// The rounded box [a, b] less a band `inset` wide along its straight edges: a cross of three
// rectangles (the corners are left to the caller).
void AddCross(ImDrawList* draw, ImVec2 a, ImVec2 b, float r, float inset, ImU32 color) {
  draw->AddRectFilled(ImVec2(a.x + r, a.y + inset), ImVec2(b.x - r, b.y - inset), color);
  draw->AddRectFilled(ImVec2(a.x + inset, a.y + r), ImVec2(a.x + r, b.y - r), color);
  draw->AddRectFilled(ImVec2(b.x - r, a.y + r), ImVec2(b.x - inset, b.y - r), color);
}

}  // namespace

void AddRoundedRectFilled(ImDrawList* draw, ImVec2 a, ImVec2 b, float rounding, ImU32 color) {
  const ImFontAtlasCustomRect* rect = DiscRect();
  const float r = std::min(rounding, std::min(b.x - a.x, b.y - a.y) / 2);
  if (rect == nullptr || r <= 0) {
    draw->AddRectFilled(a, b, color, rounding);
    return;
  }
  AddCross(draw, a, b, r, 0, color);
  AddDiscCorners(draw, *rect, a, b, r, color);
}

void AddFramedRoundedRect(ImDrawList* draw, ImVec2 a, ImVec2 b, float rounding, float thickness, ImU32 fill,
                          ImU32 frame) {
  const ImFontAtlasCustomRect* rect = DiscRect();
  const float r = std::min(rounding, std::min(b.x - a.x, b.y - a.y) / 2), t = thickness;
  if (rect == nullptr || r <= t) {
    AddRoundedRectFilled(draw, a, b, r, frame);
    AddRoundedRectFilled(draw, ImVec2(a.x + t, a.y + t), ImVec2(b.x - t, b.y - t), r - t, fill);
    return;
  }
  // The frame: a strip along each straight edge, and the corners' quarter discs.
  draw->AddRectFilled(ImVec2(a.x + r, a.y), ImVec2(b.x - r, a.y + t), frame);
  draw->AddRectFilled(ImVec2(a.x + r, b.y - t), ImVec2(b.x - r, b.y), frame);
  draw->AddRectFilled(ImVec2(a.x, a.y + r), ImVec2(a.x + t, b.y - r), frame);
  draw->AddRectFilled(ImVec2(b.x - t, a.y + r), ImVec2(b.x, b.y - r), frame);
  AddDiscCorners(draw, *rect, a, b, r, frame);
  // The fill: the cross inside the strips, and smaller quarter discs over the frame's.
  AddCross(draw, a, b, r, t, fill);
  AddDiscCorners(draw, *rect, ImVec2(a.x + t, a.y + t), ImVec2(b.x - t, b.y - t), r - t, fill);
}

}  // namespace kafkasim::viz
