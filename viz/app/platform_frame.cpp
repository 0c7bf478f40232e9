#include "viz/app/platform_frame.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>

namespace kafkasim::viz {
namespace {

// Set by any event GLFW reports for the window; one window a process.
bool news = true;

void Note() { news = true; }

}  // namespace

PlatformFrame::PlatformFrame(GLFWwindow* window) {
  // Those the backend installs too call these after their own; the others are ours alone.
  glfwSetWindowFocusCallback(window, [](GLFWwindow*, int) { Note(); });
  glfwSetCursorEnterCallback(window, [](GLFWwindow*, int) { Note(); });
  glfwSetMouseButtonCallback(window, [](GLFWwindow*, int, int, int) { Note(); });
  glfwSetScrollCallback(window, [](GLFWwindow*, double, double) { Note(); });
  glfwSetKeyCallback(window, [](GLFWwindow*, int, int, int, int) { Note(); });
  glfwSetCharCallback(window, [](GLFWwindow*, unsigned int) { Note(); });
  glfwSetCursorPosCallback(window, [](GLFWwindow*, double, double) { Note(); });
  glfwSetWindowSizeCallback(window, [](GLFWwindow*, int, int) { Note(); });
  glfwSetFramebufferSizeCallback(window, [](GLFWwindow*, int, int) { Note(); });
}

void PlatformFrame::NewFrame() {
  ImGuiIO& io = ImGui::GetIO();
  const int shape = ImGui::GetMouseCursor();  // what the last frame asked for
  if (news || follow_up_ || shape != cursor_shape_) {
    // The frame after news asks again: a click pressed and released between two frames reaches
    // ImGui as held for a frame, and its release is read from GLFW's state the next.
    follow_up_ = news;
    news = false;
    ImGui_ImplGlfw_NewFrame();
    cursor_shape_ = shape;
  }
  // The backend's own step runs from its last call, which may be seconds ago.
  const double now = glfwGetTime();
  io.DeltaTime = last_time_ > 0 ? std::max(1e-6f, static_cast<float>(now - last_time_)) : 1.0f / 60;
  last_time_ = now;
}

}  // namespace kafkasim::viz
