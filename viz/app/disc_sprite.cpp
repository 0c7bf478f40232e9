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

void AddDisc(ImDrawList* draw, ImVec2 center, float radius, ImU32 color) {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  const ImFontAtlasCustomRect* rect = disc_rect < 0 ? nullptr : atlas.GetCustomRectByIndex(disc_rect);
  if (rect == nullptr || !rect->IsPacked()) {
    draw->AddCircleFilled(center, radius, color);
    return;
  }
  ImVec2 uv0, uv1;
  atlas.CalcCustomRectUV(rect, &uv0, &uv1);
  // The quad covers the border too, at the disc's own scale.
  const float half = radius * (disc_texels + 2.0f * kBorder) / disc_texels;
  draw->AddImage(atlas.TexID, ImVec2(center.x - half, center.y - half), ImVec2(center.x + half, center.y + half), uv0,
                 uv1, color);
}

}  // namespace kafkasim::viz
