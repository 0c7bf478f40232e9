#include "sim/cli/lesson.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "sim/cli/play.h"
#include "sim/kafka/install.h"
#include "sim/lesson/course.h"
#include "sim/lesson/lesson.h"
#include "sim/lesson/progress.h"
#include "sim/lesson/terminal_player.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"

#ifndef KAFKASIM_LESSONS_DIR
#define KAFKASIM_LESSONS_DIR "lessons"
#endif

namespace kafkasim::cli {
namespace {

namespace fs = std::filesystem;


// $KAFKASIM_LESSONS_DIR, else ./lessons, else the lessons of the source tree kafkasim was built from.
fs::path LessonsFolder() {
  if (const char* env = std::getenv("KAFKASIM_LESSONS_DIR"); env != nullptr && *env != '\0') return env;
  std::error_code error;
  if (fs::is_directory("lessons", error) && !CourseLessons("lessons").empty()) return "lessons";
  return KAFKASIM_LESSONS_DIR;
}

std::unique_ptr<ProgressStore> OpenProgress(std::ostream& err) {
  try {
    return std::make_unique<ProgressStore>(DefaultProgressPath());
  } catch (const std::exception& e) {
    fmt::print(err, "kafkasim lesson: warning: progress is not saved: {}\n", e.what());
    return nullptr;
  }
}

std::string ProgressText(const std::optional<LessonProgress>& p) {
  if (!p) return "not started";
  std::string text = p->completed ? "done" : fmt::format("{} of {} steps", p->steps_done, p->steps_total);
  if (p->questions_asked > 0) text += fmt::format(", {} of {} predictions right", p->questions_right, p->questions_asked);
  return text;
}

int List(std::ostream& out, std::ostream& err) {
  const fs::path folder = LessonsFolder();
  std::vector<fs::path> files;
  try {
    files = CourseLessons(folder);
  } catch (const std::exception& e) {
    fmt::print(err, "kafkasim lesson: error: {}\n", e.what());
    return 2;
  }
  if (files.empty()) {
    fmt::print(err, "kafkasim lesson: error: no lessons in {}\n", folder.string());
    return 2;
  }
  std::unique_ptr<ProgressStore> store = OpenProgress(err);
  fmt::print(out, "The kafkasim course ({}):\n\n", folder.string());
  int done = 0, bad = 0;
  // Loaded first, so that the minutes line up after the longest title.
  std::vector<std::optional<Lesson>> lessons;
  size_t title_width = 0;
  for (const fs::path& file : files) {
    try {
      lessons.push_back(LoadLesson(file));
      title_width = std::max(title_width, lessons.back()->title.size());
    } catch (const ScriptError& e) {
      ++bad;
      lessons.push_back(std::nullopt);
      fmt::print(out, "  ??  {}: {}\n", file.filename().string(), e.message());
    }
  }
  for (const std::optional<Lesson>& lesson : lessons) {
    if (!lesson) continue;
    std::optional<LessonProgress> progress;
    if (store) progress = store->Get(lesson->slug);
    done += progress && progress->completed ? 1 : 0;
    fmt::print(out, "  {:>2}  {:<{}}  {:>3} min   {}\n", lesson->number, lesson->title, title_width, lesson->minutes,
               ProgressText(progress));
  }
  fmt::print(out, "\n{} of {} lessons done. Start one with: kafkasim lesson N\n", done, files.size());
  return bad > 0 ? 2 : 0;
}

// The lesson file `which` means: a number in the course, a path, or the next lesson not done.
std::optional<fs::path> Resolve(const std::string& which, std::ostream& err) {
  const fs::path folder = LessonsFolder();
  if (which.empty() || std::all_of(which.begin(), which.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::vector<fs::path> files;
    try {
      files = CourseLessons(folder);
    } catch (const std::exception& e) {
      fmt::print(err, "kafkasim lesson: error: {}\n", e.what());
      return std::nullopt;
    }
    if (which.empty()) {
      std::unique_ptr<ProgressStore> store = OpenProgress(err);
      for (const fs::path& file : files) {
        const std::optional<LessonProgress> progress = store ? store->Get(file.stem().string()) : std::nullopt;
        if (!progress || !progress->completed) return file;
      }
      if (!files.empty()) return files.front();
      fmt::print(err, "kafkasim lesson: error: no lessons in {}\n", folder.string());
      return std::nullopt;
    }
    const int number = which.size() > 4 ? -1 : std::stoi(which);
    if (auto file = FindLesson(folder, number)) return file;
    fmt::print(err, "kafkasim lesson: error: there is no lesson {} in {} (see kafkasim lesson --list)\n", which, folder.string());
    return std::nullopt;
  }
  return fs::path(which);
}

}  // namespace

int RunLessonCommand(const LessonOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  if (options.list) return List(out, err);
  const std::optional<fs::path> file = Resolve(options.which, err);
  if (!file) return 2;
  try {
    const Lesson lesson = LoadLesson(*file);
    uint64_t seed = kDefaultSeed;
    if (options.seed) {
      seed = *options.seed;
    } else if (lesson.seed) {
      seed = *lesson.seed;
    } else {
      // The lesson tells the story of its scenario, with the scenario's seed.
      seed = LoadScenario(lesson.scenario).seed.value_or(kDefaultSeed);
    }
    Session session(SessionOptions{.seed = seed});
    InstallKafka(session);
    const std::unique_ptr<ProgressStore> store = OpenProgress(err);
    TerminalPlayer player(TerminalPlayerOptions{.interactive = options.interactive, .color = options.color,
                                                .progress = store.get()},
                          in, out, err);
    return player.Play(session, lesson, seed);
  } catch (const ScriptError& e) {
    fmt::print(err, "{}\n", e.Render());
    return 2;
  }
}

int CheckLesson(const std::string& path, std::string& summary, std::ostream& err) {
  try {
    const Lesson lesson = LoadLesson(path);
    const Scenario scenario = LoadScenario(lesson.scenario);
    const uint64_t seed = lesson.seed.value_or(scenario.seed.value_or(kDefaultSeed));
    std::istringstream no_input;
    std::ostringstream narration;
    TerminalPlayer player(TerminalPlayerOptions{}, no_input, narration, err);
    int code;
    {
      Session session(SessionOptions{.seed = seed});
      InstallKafka(session);
      code = player.Play(session, lesson, seed);
    }

    // The scenario the visualizer plays beside the lesson must show what the lesson teaches.
    Session session(SessionOptions{.seed = scenario.seed.value_or(kDefaultSeed)});
    InstallKafka(session);
    ScenarioRunner runner(session, scenario);
    const RunReport report = runner.Run();
    for (const EventRequirement& e : lesson.events) {
      const uint64_t actual = session.CountEvents(e.kind);
      const auto verdict = Compare(std::to_string(actual), e.op, std::to_string(e.count));
      if (std::holds_alternative<bool>(verdict) && std::get<bool>(verdict)) continue;
      fmt::print(err, "{}:{}: its scenario {} must show {}, and it showed {} {} event(s)\n", e.location.file,
                 e.location.line, lesson.scenario_text, e.text, actual, e.kind);
      code = std::max(code, 1);
    }
    if (!report.ok()) {
      fmt::print(err, "{}: its scenario {} does not pass: run kafkasim run {}\n", path, lesson.scenario_text,
                 lesson.scenario.string());
      code = std::max(code, 1);
    }
    summary = fmt::format("{} checks, {} questions, {} events", player.checks(), lesson.questions.size(), lesson.events.size());
    return code;
  } catch (const ScriptError& e) {
    fmt::print(err, "{}\n", e.Render());
    return 2;
  }
}

}  // namespace kafkasim::cli
