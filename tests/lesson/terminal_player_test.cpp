// TerminalPlayer at a keyboard (interactive): it waits before each step, reads predictions and
// insists on a choice's number, runs the student's commands in an exercise until the checks
// hold, and saves progress, also when the student quits halfway.

#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "sim/kafka/install.h"
#include "sim/lesson/terminal_player.h"

namespace kafkasim {
namespace {

const char* kPlayerLesson = R"(---
title: Time
scenario: s.scn
minutes: 2
---
# Time

```question
What time will it be after `sleep 5s`?
- 0s: zero: simulated time stands still
- 5s: five seconds
answer: time
```

```kafkasim
sleep 5s
```

```exercise
Let two more seconds pass.
expect time >= 7s
solution:
sleep 2s
```
)";

struct Run {
  int code = 0;
  std::string out, err;
};

class Studio {
 public:
  Studio()
      : path_(std::filesystem::temp_directory_path() / ("kafkasim-player-" + std::to_string(getpid())) / "progress.db"),
        lesson_(ParseLesson(kPlayerLesson, "lessons/01-time.md")) {
    std::filesystem::remove_all(path_.parent_path());
    store_ = std::make_unique<ProgressStore>(path_);
  }
  ~Studio() {
    store_.reset();
    std::filesystem::remove_all(path_.parent_path());
  }

  Run Play(const std::string& typed) {
    std::istringstream in(typed);
    std::ostringstream out, err;
    Session session;
    InstallKafka(session);
    TerminalPlayer player(TerminalPlayerOptions{.interactive = true, .progress = store_.get()}, in, out, err);
    const int code = player.Play(session, lesson_, 1);
    return Run{code, out.str(), err.str()};
  }
  std::optional<LessonProgress> Progress() { return store_->Get("01-time"); }

 private:
  std::filesystem::path path_;
  Lesson lesson_;
  std::unique_ptr<ProgressStore> store_;
};

}  // namespace

TEST_CASE("a prediction must be a choice's number, and is judged after the step") {
  Studio studio;
  const Run r = studio.Play("3\n2\n\nsleep 1s\nsleep 1s\n");
  CHECK(r.code == 0);
  CHECK(r.out.find("your answer (1-2): ") != std::string::npos);
  CHECK(r.out.find("Type the number of a choice, from 1 to 2") != std::string::npos);
  CHECK(r.out.find("── step 1 of 1: Enter runs it, q quits ──") != std::string::npos);
  CHECK(r.out.find("You said 2: right.") != std::string::npos);
  // The student's own commands run until the check holds: after the second `sleep 1s`.
  CHECK(r.out.find("exercise> ") != std::string::npos);
  CHECK(r.out.find("✓ Done: every check holds.") != std::string::npos);
  CHECK(r.out.find("Finished lesson 1 at 7.000s: 2 of 2 checks held, 1 of 1 predictions right.") != std::string::npos);
  const auto progress = studio.Progress();
  REQUIRE(progress.has_value());
  CHECK(progress->completed);
  CHECK(progress->questions_right == 1);
  CHECK(progress->questions_asked == 1);
}

TEST_CASE("a wrong prediction is counted, not failed; 'solution' solves the exercise") {
  Studio studio;
  const Run r = studio.Play("1\n\nsolution\n");
  CHECK(r.code == 0);
  CHECK(r.out.find("You said 1: not this time.") != std::string::npos);
  CHECK(r.out.find("  Solution:\n    sleep 2s\n") != std::string::npos);
  CHECK(r.out.find("✓ expect time >= 7s") != std::string::npos);
  CHECK(r.out.find("0 of 1 predictions right") != std::string::npos);
  CHECK(studio.Progress()->completed);
}

TEST_CASE("quitting keeps the progress made so far") {
  Studio studio;
  const Run r = studio.Play("2\nq\n");
  CHECK(r.code == 0);
  CHECK(r.out.find("Stopped. Your progress is saved") != std::string::npos);
  CHECK(r.out.find("$ sleep 5s") == std::string::npos);
  const auto progress = studio.Progress();
  REQUIRE(progress.has_value());
  CHECK_FALSE(progress->completed);
  CHECK(progress->steps_done == 0);
  CHECK(progress->steps_total == 1);
}

TEST_CASE("an exercise the student skips is not checked, and a mistyped command is explained") {
  Studio studio;
  const Run r = studio.Play("\n\nslep 2s\nskip\n");
  CHECK(r.code == 0);
  CHECK(r.err.find("<exercise>:1:1: error: unknown command 'slep'; did you mean 'sleep'?") != std::string::npos);
  CHECK(r.out.find("✓ Done") == std::string::npos);
  CHECK(r.out.find("Finished lesson 1 at 5.000s") != std::string::npos);
}

}  // namespace kafkasim
