// `kafkasim lesson` run as a student runs it, without a terminal: exit codes, questions printed
// with their checked answers, progress saved in the data directory, `--list`, and `kafkasim
// check` on lessons. And the progress store itself.

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/lesson/progress.h"

namespace fs = std::filesystem;

namespace {

struct Result {
  int exit_code;
  std::string out, err;
};

class Workdir {
 public:
  Workdir() : path_(fs::temp_directory_path() / ("kafkasim-lesson-" + std::to_string(getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_ / "lessons");
    fs::create_directories(path_ / "scenarios");
    Write("scenarios/s.scn", "seed: 3\nsleep 2s\nexpect time == 2s\n");
  }
  ~Workdir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }
  std::string Read(const std::string& name) const {
    std::ifstream in(path_ / name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  Result Run(const std::string& args) const {
    const std::string cmd = "KAFKASIM_DATA_DIR=" + Path("data") + " KAFKASIM_LESSONS_DIR=" + Path("lessons") + " " +
                            std::string(KAFKASIM_BINARY) + " " + args + " >" + Path("stdout") + " 2>" + Path("stderr") +
                            " </dev/null";
    const int status = std::system(cmd.c_str());
    return {WEXITSTATUS(status), Read("stdout"), Read("stderr")};
  }

 private:
  fs::path path_;
};

const char* kGood = R"(---
title: Time passes
scenario: ../scenarios/s.scn
minutes: 3
events: script.command >= 2
---
# Time

```question
What time will it be after `sleep 5s`?
- 5s: five seconds
- 0s: still zero: simulated time stands still
answer: time
```

```kafkasim
sleep 5s
expect time == 5s
```

```exercise
Let two more seconds pass.
expect time >= 7s
solution:
sleep 2s
```
)";

}  // namespace

TEST_CASE("kafkasim lesson FILE without a terminal prints the lesson, runs it and reveals the answers") {
  Workdir dir;
  const Result r = dir.Run("lesson " + dir.Write("lessons/01-time.md", kGood));
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("Lesson 1 · Time passes · about 3 minutes\n(scenario ../scenarios/s.scn, seed 3)") != std::string::npos);
  CHECK(r.out.find("Time\n════\n") != std::string::npos);
  CHECK(r.out.find("? Predict: What time will it be after `sleep 5s`?\n    1. five seconds\n    2. still zero") != std::string::npos);
  CHECK(r.out.find("$ sleep 5s") != std::string::npos);
  CHECK(r.out.find("! Answer: 1. five seconds (time is 5s, in the simulation now)") != std::string::npos);
  CHECK(r.out.find("✎ Your turn: Let two more seconds pass.") != std::string::npos);
  CHECK(r.out.find("✓ expect time >= 7s") != std::string::npos);
  CHECK(r.out.find("Finished lesson 1 at 7.000s: 3 of 3 checks held.") != std::string::npos);
  // The answer was revealed after the step, not before it.
  CHECK(r.out.find("$ sleep 5s") < r.out.find("! Answer"));
}

TEST_CASE("kafkasim lesson N finds the lesson by number and saves progress; --list shows it") {
  Workdir dir;
  dir.Write("lessons/01-time.md", kGood);
  std::string second = kGood;
  // Longer than the old fixed 44-column title field.
  second.replace(second.find("Time passes"), 11, "More time: what a second lesson says of simulated time");
  dir.Write("lessons/02-more.md", second);
  dir.Write("lessons/README.md", "not a lesson");

  Result list = dir.Run("lesson --list");
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("   1  Time passes") != std::string::npos);
  CHECK(list.out.find("   2  More time") != std::string::npos);
  CHECK(list.out.find("not started") != std::string::npos);
  CHECK(list.out.find("0 of 2 lessons done") != std::string::npos);
  // The minutes line up after the longest title.
  auto minutes_column = [&](const std::string& title) {
    const size_t line = list.out.find(title);
    return list.out.find(" min", line) - line;
  };
  CHECK(minutes_column("   1  Time passes") == minutes_column("   2  More time"));

  CHECK(dir.Run("lesson 2").exit_code == 0);
  list = dir.Run("lesson --list");
  CHECK(list.out.find("0 of 2 lessons done") == std::string::npos);
  CHECK(list.out.find("1 of 2 lessons done") != std::string::npos);

  kafkasim::ProgressStore store(dir.Path("data") + "/progress.db");
  const auto progress = store.Get("02-more");
  REQUIRE(progress.has_value());
  CHECK(progress->completed);
  CHECK(progress->steps_done == 1);
  CHECK(progress->steps_total == 1);
  CHECK_FALSE(store.Get("01-time").has_value());

  // Without a number, the next lesson not done.
  const Result next = dir.Run("lesson");
  CHECK(next.out.find("Lesson 1 · Time passes") != std::string::npos);
}

TEST_CASE("kafkasim lesson exits 1 when a check fails and 2 on a bad lesson") {
  Workdir dir;
  std::string failing = kGood;
  failing.replace(failing.find("expect time == 5s"), 17, "expect time == 6s");
  Result r = dir.Run("lesson " + dir.Write("lessons/01-time.md", failing));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("01-time.md:18: expectation failed: expect time == 6s") != std::string::npos);

  std::string no_choice = kGood;
  no_choice.replace(no_choice.find("- 5s: five seconds"), 18, "- 4s: four seconds");
  r = dir.Run("lesson " + dir.Write("lessons/01-time.md", no_choice));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("01-time.md:13: no choice is the simulation's answer: time is 5s") != std::string::npos);

  std::string missing_event = kGood;
  missing_event.replace(missing_event.find("script.command >= 2"), 19, "node.crash >= 1");
  r = dir.Run("lesson " + dir.Write("lessons/01-time.md", missing_event));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("01-time.md:5: the lesson must show node.crash >= 1, and it showed 0 node.crash event(s)") != std::string::npos);

  std::string typo = kGood;
  typo.replace(typo.find("sleep 5s\n"), 9, "slep 5s\n");
  r = dir.Run("lesson " + dir.Write("lessons/01-time.md", typo));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("01-time.md:17:1: error: unknown command 'slep'; did you mean 'sleep'?\nslep 5s\n^") != std::string::npos);
  CHECK(r.out.empty());  // checked before anything ran

  r = dir.Run("lesson 7");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("there is no lesson 7") != std::string::npos);

  r = dir.Run("lesson --lst");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown flag '--lst'; did you mean '--list'?") != std::string::npos);
}

TEST_CASE("kafkasim check plays lessons too, and their scenarios must show their events") {
  Workdir dir;
  dir.Write("lessons/01-time.md", kGood);
  Result r = dir.Run("check " + dir.Path("lessons"));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("ok    " + dir.Path("lessons") + "/01-time.md  (3 checks, 1 questions, 1 events)") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.Path("data") + "/progress.db"));  // checking is not studying

  std::string needs_more = kGood;
  needs_more.replace(needs_more.find("script.command >= 2"), 19, "script.command >= 3");
  dir.Write("lessons/01-time.md", needs_more);
  r = dir.Run("check " + dir.Path("lessons"));
  CHECK(r.exit_code == 1);
  // The lesson itself runs four commands; its scenario only two.
  CHECK(r.out.find("01-time.md:5: its scenario ../scenarios/s.scn must show script.command >= 3, and it showed 2") !=
        std::string::npos);
}

TEST_CASE("progress is kept per lesson and completion is never undone") {
  Workdir dir;
  kafkasim::ProgressStore store(dir.Path("data/sub/progress.db"));
  store.Save({.slug = "01-a", .steps_done = 3, .steps_total = 3, .questions_right = 1, .questions_asked = 2, .completed = true});
  store.Save({.slug = "01-a", .steps_done = 1, .steps_total = 3});
  store.Save({.slug = "02-b", .steps_done = 1, .steps_total = 4});
  const auto all = store.All();
  REQUIRE(all.size() == 2);
  CHECK(all[0].slug == "01-a");
  CHECK(all[0].completed);
  CHECK(all[0].steps_done == 1);
  CHECK(all[0].updated.size() == 19);  // "2026-01-01 12:00:00"
  CHECK_FALSE(all[1].completed);
}

TEST_CASE("the progress file lives in the user's data directory") {
  const auto with_env = [](const char* data, const char* xdg, const char* home) {
    const auto set = [](const char* name, const char* value) { value ? setenv(name, value, 1) : unsetenv(name); };
    const std::string saved_data = getenv("KAFKASIM_DATA_DIR") ? getenv("KAFKASIM_DATA_DIR") : "";
    const std::string saved_xdg = getenv("XDG_DATA_HOME") ? getenv("XDG_DATA_HOME") : "";
    const std::string saved_home = getenv("HOME") ? getenv("HOME") : "";
    set("KAFKASIM_DATA_DIR", data);
    set("XDG_DATA_HOME", xdg);
    set("HOME", home);
    const fs::path path = kafkasim::DefaultProgressPath();
    set("KAFKASIM_DATA_DIR", saved_data.empty() ? nullptr : saved_data.c_str());
    set("XDG_DATA_HOME", saved_xdg.empty() ? nullptr : saved_xdg.c_str());
    set("HOME", saved_home.empty() ? nullptr : saved_home.c_str());
    return path.string();
  };
  CHECK(with_env("/t/d", "/x", "/h") == "/t/d/progress.db");
  CHECK(with_env(nullptr, "/x", "/h") == "/x/kafkasim/progress.db");
  CHECK(with_env(nullptr, "relative", "/h") == "/h/.local/share/kafkasim/progress.db");
  CHECK(with_env(nullptr, nullptr, "/h") == "/h/.local/share/kafkasim/progress.db");
}
