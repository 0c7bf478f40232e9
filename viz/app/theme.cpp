#include "viz/app/theme.h"

#include <filesystem>
#include <iterator>
#include <string>

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include "viz/app/disc_sprite.h"
#include "viz/model/palette.h"

namespace kafkasim::viz {

void ApplyTheme(bool light, float scale) {
  ImGuiStyle style;
  if (light) {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
    style.Colors[ImGuiCol_Border] = ImVec4(0.2f, 0.2f, 0.2f, 1);
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.75f, 0.82f, 0.95f, 1);
    style.Colors[ImGuiCol_TitleBg] = ImVec4(0.85f, 0.88f, 0.95f, 1);
    style.WindowBorderSize = 1.5f;
  } else {
    ImGui::StyleColorsDark(&style);
    // One background for every panel and the canvas: the frame's clear (BeginPanel).
    const Rgb bg = DarkPalette().background;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1);
  }
  // Square corners, ImGui's own: a rounded frame is filled as a fan of thin triangles across the
  // whole button, which costs Mesa's software renderer a millisecond a frame over the toolbar.
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

void LoadFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  static const ImWchar ranges[] = {
      0x0020, 0x00FF,  // Basic Latin, Latin-1 (×)
      0x2000, 0x206F,  // general punctuation (— …)
      0x2190, 0x21FF,  // arrows
      0x25A0, 0x25FF,  // geometric shapes (■)
      0x2600, 0x26FF,  // miscellaneous symbols (★ ⚡)
      0x2700, 0x27BF,  // dingbats (✖ ✔)
      0,
  };
  // The first font is every panel's; the others are the lesson pane's (bold, italic, code and
  // two heading sizes), in FontRole's order. Without DejaVu every role gets ImGui's own font.
  const char* dir = "/usr/share/fonts/truetype/dejavu/";
  struct Face {
    const char* file;
    float size;
  };
  static const Face faces[] = {{"DejaVuSans.ttf", 15}, {"DejaVuSans-Bold.ttf", 15}, {"DejaVuSans-Oblique.ttf", 15},
                               {"DejaVuSansMono.ttf", 14}, {"DejaVuSans-Bold.ttf", 22}, {"DejaVuSans-Bold.ttf", 18}};
  static_assert(std::size(faces) == static_cast<size_t>(FontRole::kCount));
  std::error_code ec;
  if (std::filesystem::exists(std::string(dir) + faces[0].file, ec)) {
    for (const Face& face : faces) {
      const std::string path = std::string(dir) + face.file;
      if (std::filesystem::exists(path, ec)) {
        io.Fonts->AddFontFromFileTTF(path.c_str(), face.size * scale, nullptr, ranges);
      } else {
        io.Fonts->AddFontFromFileTTF((std::string(dir) + faces[0].file).c_str(), face.size * scale, nullptr, ranges);
      }
    }
  } else {
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&config);
  }
  ReserveDiscInAtlas(*io.Fonts, scale);
  PaintDiscInAtlas(*io.Fonts);  // builds the atlas, which the upload below then takes as it is
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

ImFont* UiFont(FontRole role) {
  ImGuiIO& io = ImGui::GetIO();
  const int i = static_cast<int>(role);
  return i < io.Fonts->Fonts.Size ? io.Fonts->Fonts[i] : io.Fonts->Fonts[0];
}

}  // namespace kafkasim::viz
