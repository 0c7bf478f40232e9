#include "sim/lesson/lesson.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "sim/lesson/lesson_syntax.h"
#include "sim/script/lexer.h"

namespace kafkasim {
namespace {

using lesson_syntax::SourceText;

constexpr size_t kMaxLessonBytes = 4 << 20;


// The content line `i` of a fenced block as written in the file (without the fence's indent),
// with the column where that content starts.
struct FencedLine {
  std::string_view text;
  SourceLocation location;
};

class BodyParser {
 public:
  BodyParser(const SourceText& source, Lesson& lesson) : source_(source), lesson_(lesson) {}

  void Parse() {
    for (size_t i = 0; i < lesson_.document.blocks.size(); ++i) {
      const MarkdownBlock& block = lesson_.document.blocks[i];
      if (block.kind != MarkdownBlock::Kind::kCode || !block.fenced) continue;
      if (block.lang == "kafkasim") {
        ParseCommands(i, block);
      } else if (block.lang == "question") {
        ParseQuestion(i, block);
      } else if (block.lang == "exercise") {
        ParseExercise(i, block);
      }
    }
    // Questions still waiting are answered where they stand.
    pending_questions_.clear();
  }

 private:
  FencedLine Line(const MarkdownBlock& block, size_t i) const {
    const SourceLocation& at = block.code_lines[i];
    const std::string_view line = source_.lines[static_cast<size_t>(at.line) - 1];
    return FencedLine{line.substr(std::min(line.size(), static_cast<size_t>(at.column - 1))), at};
  }

  std::string_view WholeLine(const FencedLine& line) const {
    return source_.lines[static_cast<size_t>(line.location.line) - 1];
  }

  int ColumnOf(const FencedLine& line, std::string_view part) const {
    return static_cast<int>(part.data() - WholeLine(line).data()) + 1;
  }

  void ParseCommands(size_t index, const MarkdownBlock& block) {
    CommandBlock commands{.block = index};
    commands.script = lesson_syntax::ParseFencedLines(source_, block, 0, block.code_lines.size(), block.location,
                                                      "this kafkasim block");
    commands.first_step = lesson_.commands.empty() ? 0
                                                   : lesson_.commands.back().first_step +
                                                         lesson_.commands.back().script.steps.size();
    for (size_t q : pending_questions_) lesson_.questions[q].answered_after = lesson_.commands.size();
    pending_questions_.clear();
    lesson_.commands.push_back(std::move(commands));
  }

  void ParseQuestion(size_t index, const MarkdownBlock& block) {
    Question question{.block = index};
    std::string prompt;
    for (size_t i = 0; i < block.code_lines.size(); ++i) {
      const FencedLine line = Line(block, i);
      const std::string_view text = TrimBlanks(line.text);
      if (text.starts_with("answer:")) {
        if (!question.answer.empty()) {
          source_.Fail(line.location.line, ColumnOf(line, text), "a question has one 'answer:' line");
        }
        ParseAnswer(line, text, question);
      } else if (text.starts_with("- ")) {
        ParseChoice(line, text, question);
      } else if (!text.empty() || !prompt.empty()) {
        if (!question.choices.empty() || !question.answer.empty()) {
          if (text.empty()) continue;
          source_.Fail(line.location.line, ColumnOf(line, text),
                       "the question's text comes first, then its '- VALUE: label' choices and its 'answer:' line");
        }
        if (!prompt.empty()) prompt += text.empty() ? "\n" : " ";
        prompt += text;
      }
    }
    while (!prompt.empty() && prompt.back() == '\n') prompt.pop_back();
    if (prompt.empty()) source_.Fail(block.location.line, block.location.column, "this question asks nothing: write the question on its first line");
    if (question.answer.empty()) {
      source_.Fail(block.location.line, block.location.column,
                   "this question has no 'answer:' line: name the query whose value answers it, like "
                   "'answer: partition orders-0 leader'");
    }
    if (question.choices.size() == 1) {
      const QuestionChoice& only = question.choices.front();
      source_.Fail(only.location.line, only.location.column, "a question with choices needs at least two");
    }
    question.prompt = std::move(prompt);
    pending_questions_.push_back(lesson_.questions.size());
    lesson_.questions.push_back(std::move(question));
  }

  void ParseAnswer(const FencedLine& line, std::string_view text, Question& question) {
    const std::string_view query = TrimBlanks(text.substr(std::string_view("answer:").size()));
    if (query.empty()) source_.Fail(line.location.line, ColumnOf(line, text) + 7, "'answer:' needs a query, like 'answer: partition orders-0 leader'");
    const std::string whole(WholeLine(line));
    question.answer = SplitWords(whole, source_.file, line.location.line);
    // Keep the words after "answer:" only.
    const int query_column = ColumnOf(line, query);
    std::erase_if(question.answer, [&](const Word& w) { return w.column < query_column; });
    question.answer_text = std::string(query);
    question.answer_location = SourceLocation{source_.file, line.location.line, query_column};
    question.answer_line = whole;
    for (const Word& word : question.answer) {
      if (!word.quoted && (word.text == "==" || word.text == "!=" || word.text == "<" || word.text == ">" ||
                           word.text == "<=" || word.text == ">=")) {
        source_.Fail(line.location.line, word.column,
                     "'answer:' is the query alone: its value is compared with the choices (or the typed answer)");
      }
    }
  }

  void ParseChoice(const FencedLine& line, std::string_view text, Question& question) {
    if (!question.answer.empty()) {
      source_.Fail(line.location.line, ColumnOf(line, text), "choices come before the 'answer:' line");
    }
    const std::string_view body = TrimBlanks(text.substr(2));
    const size_t colon = body.find(": ");
    const std::string_view value = TrimBlanks(body.substr(0, colon == std::string_view::npos ? body.size() : colon));
    if (colon == std::string_view::npos || value.empty()) {
      source_.Fail(line.location.line, ColumnOf(line, body),
                   "a choice is '- VALUE: label', where VALUE is what the answer query would say (like '- 2: broker-2')");
    }
    const std::string_view label = TrimBlanks(body.substr(colon + 2));
    for (const QuestionChoice& other : question.choices) {
      if (other.value == value) {
        source_.Fail(line.location.line, ColumnOf(line, value),
                     fmt::format("two choices have the value '{}' (line {}): each choice needs its own", value, other.location.line));
      }
    }
    question.choices.push_back(QuestionChoice{.value = std::string(value), .label = std::string(label.empty() ? value : label),
                                              .location = {source_.file, line.location.line, ColumnOf(line, value)}});
  }

  void ParseExercise(size_t index, const MarkdownBlock& block) {
    Exercise exercise{.block = index};
    size_t solution_from = block.code_lines.size();
    for (size_t i = 0; i < block.code_lines.size(); ++i) {
      const FencedLine line = Line(block, i);
      const std::string_view text = TrimBlanks(line.text);
      if (text == "solution:") {
        solution_from = i + 1;
        break;
      }
      if (text.starts_with("expect ")) {
        Scenario check = lesson_syntax::ParseFencedLines(source_, block, i, i + 1, line.location, "this check");
        exercise.checks.push_back(std::move(check.steps.front()));
      } else if (!text.empty()) {
        if (!exercise.prompt.empty()) exercise.prompt += " ";
        exercise.prompt += text;
      }
    }
    if (exercise.prompt.empty()) source_.Fail(block.location.line, block.location.column, "this exercise asks nothing: describe the task on its first line");
    if (exercise.checks.empty()) {
      source_.Fail(block.location.line, block.location.column,
                   "this exercise has no check: add 'expect' lines that hold once the task is done");
    }
    if (solution_from >= block.code_lines.size()) {
      source_.Fail(block.location.line, block.location.column,
                   "this exercise has no solution: add 'solution:' and the commands that solve it (the tests run them)");
    }
    exercise.solution = lesson_syntax::ParseFencedLines(source_, block, solution_from, block.code_lines.size(),
                                                        block.code_lines[solution_from - 1], "this solution");
    lesson_.exercises.push_back(std::move(exercise));
  }

  const SourceText& source_;
  Lesson& lesson_;
  std::vector<size_t> pending_questions_;
};

// 01-first-steps.md: lesson 1, slug "01-first-steps".
void NameFromFile(const std::string& file, Lesson& lesson) {
  lesson.slug = std::filesystem::path(file).stem().string();
  int number = 0;
  size_t i = 0;
  for (; i < lesson.slug.size() && i < 4 && lesson.slug[i] >= '0' && lesson.slug[i] <= '9'; ++i) {
    number = number * 10 + (lesson.slug[i] - '0');
  }
  lesson.number = i > 0 && i < lesson.slug.size() && lesson.slug[i] == '-' ? number : 0;
}

}  // namespace

const std::vector<std::string>& KnownLessonKeys() {
  static const std::vector<std::string> keys = {"title", "scenario", "minutes", "events", "seed"};
  return keys;
}

template <typename T>
static const T* FindByBlock(const std::vector<T>& parts, size_t block) {
  for (const T& part : parts) {
    if (part.block == block) return &part;
  }
  return nullptr;
}

const CommandBlock* Lesson::CommandsAt(size_t block) const { return FindByBlock(commands, block); }
const Question* Lesson::QuestionAt(size_t block) const { return FindByBlock(questions, block); }
const Exercise* Lesson::ExerciseAt(size_t block) const { return FindByBlock(exercises, block); }

Lesson ParseLesson(std::string_view text, const std::string& file_name) {
  if (text.size() > kMaxLessonBytes) {
    throw ScriptError(SourceLocation{file_name, 0, 0}, fmt::format("lesson is too large: {} bytes, at most {}", text.size(), kMaxLessonBytes), "");
  }
  const SourceText source = lesson_syntax::SplitLines(text, file_name);
  for (size_t i = 0; i < source.lines.size(); ++i) {
    if (auto bad = FindBinaryByte(source.lines[i])) {
      source.Fail(static_cast<int>(i) + 1, static_cast<int>(*bad) + 1, "the lesson contains binary data here");
    }
  }
  Lesson lesson;
  lesson.file = file_name;
  NameFromFile(file_name, lesson);
  const int front_matter_lines = lesson_syntax::ParseFrontMatter(source, lesson);
  if (static_cast<size_t>(front_matter_lines) < source.lines.size()) {
    const char* body = source.lines[static_cast<size_t>(front_matter_lines)].data();
    const std::string_view rest(body, static_cast<size_t>(text.data() + text.size() - body));
    lesson.document = ParseMarkdown(rest, file_name, front_matter_lines + 1);
  }
  BodyParser(source, lesson).Parse();
  if (lesson.commands.empty()) {
    source.Fail(1, 1, "this lesson has no ```kafkasim block: a lesson runs at least one command");
  }
  return lesson;
}

Lesson LoadLesson(const std::filesystem::path& path) {
  const std::string name = path.string();
  const auto fail = [&](std::string message) { throw ScriptError(SourceLocation{name, 0, 0}, std::move(message), ""); };
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) fail("no such lesson file");
  if (std::filesystem::is_directory(status)) fail("is a directory, not a lesson file");
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(name.c_str(), "rb"), &std::fclose);
  if (!file) fail(fmt::format("cannot open lesson file: {}", std::strerror(errno)));
  std::string text;
  char buffer[1 << 16];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, file.get())) {
    text.append(buffer, n);
    if (text.size() > kMaxLessonBytes) fail(fmt::format("lesson file is too large: more than {} bytes", kMaxLessonBytes));
  }
  if (std::ferror(file.get())) fail("cannot read lesson file: read error");
  return ParseLesson(text, name);
}

Scenario LessonScript(const Lesson& lesson) {
  Scenario script{.file = lesson.file, .title = lesson.title, .seed = lesson.seed};
  for (const CommandBlock& block : lesson.commands) {
    script.steps.insert(script.steps.end(), block.script.steps.begin(), block.script.steps.end());
  }
  return script;
}

}  // namespace kafkasim
