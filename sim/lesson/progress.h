#pragma once
// How far a student got in each lesson, kept between runs in an SQLite file in the user's data
// directory, shared by `kafkasim lesson` and the visualizer's lesson pane:
//
//   $KAFKASIM_DATA_DIR/progress.db                 (tests point it at a temporary folder)
//   $XDG_DATA_HOME/kafkasim/progress.db
//   ~/.local/share/kafkasim/progress.db
//
// One row per lesson, keyed by the lesson's slug (01-first-steps) so that renumbering a title
// keeps progress. SQLite stays behind this interface; its errors throw std::runtime_error (the
// caller reports them and goes on: losing progress never stops a lesson).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kafkasim {

struct LessonProgress {
  std::string slug;
  int steps_done = 0;        // command blocks run
  int steps_total = 0;
  int questions_right = 0;   // predictions the student got right
  int questions_asked = 0;   // predictions the student made (not counted when nobody was asked)
  bool completed = false;    // read to the end with every check holding
  std::string updated;       // when, in UTC, as SQLite's datetime('now') writes it
};

// Where the progress file lives, from the environment as described above; empty when neither
// HOME nor any override is set.
std::filesystem::path DefaultProgressPath();

class ProgressStore {
 public:
  // Opens (creating the folder and file if needed) the database at `path`.
  explicit ProgressStore(const std::filesystem::path& path);
  ~ProgressStore();
  ProgressStore(const ProgressStore&) = delete;
  ProgressStore& operator=(const ProgressStore&) = delete;

  std::optional<LessonProgress> Get(const std::string& slug) const;
  // Replaces the lesson's row; `completed` once set stays set, and `updated` is stamped.
  void Save(const LessonProgress& progress);
  std::vector<LessonProgress> All() const;

 private:
  struct Db;
  std::unique_ptr<Db> db_;
};

}  // namespace kafkasim
