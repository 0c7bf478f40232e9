#pragma once
// The course: the lessons of a folder, in order of their number (lessons/NN-slug.md).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kafkasim {

// Every NN-slug.md file of `folder`, sorted by name (so by number). Throws std::runtime_error
// when the folder cannot be read.
std::vector<std::filesystem::path> CourseLessons(const std::filesystem::path& folder);

// The lesson numbered `number` in `folder`, if there is one.
std::optional<std::filesystem::path> FindLesson(const std::filesystem::path& folder, int number);

}  // namespace kafkasim
