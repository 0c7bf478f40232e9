#include "sim/lesson/course.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace kafkasim {
namespace {

// NN-slug.md: digits, a dash, a name, ".md".
std::optional<int> LessonNumber(const std::filesystem::path& path) {
  if (path.extension() != ".md") return std::nullopt;
  const std::string stem = path.stem().string();
  size_t i = 0;
  int number = 0;
  while (i < stem.size() && i < 4 && stem[i] >= '0' && stem[i] <= '9') number = number * 10 + (stem[i++] - '0');
  if (i == 0 || i + 1 >= stem.size() || stem[i] != '-') return std::nullopt;
  return number;
}

}  // namespace

std::vector<std::filesystem::path> CourseLessons(const std::filesystem::path& folder) {
  std::error_code error;
  std::vector<std::filesystem::path> lessons;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.is_regular_file() && LessonNumber(entry.path())) lessons.push_back(entry.path());
  }
  if (error) throw std::runtime_error(fmt::format("cannot read {}: {}", folder.string(), error.message()));
  std::sort(lessons.begin(), lessons.end());
  return lessons;
}

std::optional<std::filesystem::path> FindLesson(const std::filesystem::path& folder, int number) {
  for (const auto& path : CourseLessons(folder)) {
    if (LessonNumber(path) == number) return path;
  }
  return std::nullopt;
}

}  // namespace kafkasim
