#pragma once
// ImGui's GLFW backend, asked only when the window has news.
//
// The backend's NewFrame asks the X server for the window's size (twice), its focus and the
// pointer's position, each a round trip, and sets the pointer's shape: 0.6 ms of the 1.7 ms the
// five brokers' overview took to build under Xvfb. All of these change only with an event GLFW
// reports (a move, a click, a key, a resize, focus), or when the UI wants another pointer shape.
// Between such events the frame keeps what the backend last set, and only the time step is new.

struct GLFWwindow;

namespace kafkasim::viz {

class PlatformFrame {
 public:
  // Call before ImGui_ImplGlfw_InitForOpenGL, which chains its callbacks to these.
  explicit PlatformFrame(GLFWwindow* window);
  // Instead of ImGui_ImplGlfw_NewFrame.
  void NewFrame();

 private:
  double last_time_ = 0;
  bool follow_up_ = false;  // the last frame had news: ask once more
  int cursor_shape_ = -1;  // ImGuiMouseCursor the backend last set
};

}  // namespace kafkasim::viz
