// The lesson pane: a lesson (lessons/NN-slug.md) rendered from its parsed Markdown beside the
// cluster — headings, paragraphs with emphasis, code and links, lists, tables — with a Run button
// on each `kafkasim` block, questions to predict and reveal, exercises to check, and a section
// menu that moves the simulation with the reader. The model (viz/model/lesson_player.h) decides
// everything; this file only draws it and forwards clicks.

#include <filesystem>

#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"
#include "viz/app/theme.h"

namespace kafkasim::viz {
namespace {

Rgb LessonLinkColor(const Palette& pal) { return pal.cursor; }

// Draws styled runs with word wrap inside the content region, starting at the cursor.
void DrawRuns(const std::vector<TextRun>& runs, UiState& ui, const std::string& prefix = "") {
  const Palette& pal = ui.palette();
  const float width = ImGui::GetContentRegionAvail().x;
  float line_x = 0;
  const auto emit = [&](std::string_view token, ImFont* font, Rgb color, const std::string& link) {
    if (token.empty()) return;
    ImGui::PushFont(font);
    const ImVec2 size = ImGui::CalcTextSize(token.data(), token.data() + token.size());
    if (line_x > 0 && line_x + size.x > width) {
      line_x = 0;  // wraps: the next item starts a line
    } else if (line_x > 0) {
      ImGui::SameLine(0, 0);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Col(color)));
    ImGui::TextUnformatted(token.data(), token.data() + token.size());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    line_x += size.x;
    if (link.empty()) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y - 1), ImVec2(b.x, b.y - 1), Col(color));
    if (ImGui::IsItemHovered()) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      ImGui::SetTooltip("%s", link.c_str());
    }
    if (ImGui::IsItemClicked()) {
      if (link.ends_with(".md") && link.find("://") == std::string::npos) {
        ui.lesson_open = link;  // another lesson: the app opens it
      } else {
        ui.lesson_message = fmt::format("link: {}", link);
      }
    }
  };
  if (!prefix.empty()) emit(prefix, UiFont(FontRole::kRegular), pal.text_dim, "");
  for (const TextRun& run : runs) {
    ImFont* font = UiFont(FontRole::kRegular);
    Rgb color = pal.text;
    if (run.style & TextRun::kStrong) font = UiFont(FontRole::kBold);
    if (run.style & TextRun::kEmphasis) font = UiFont(FontRole::kItalic);
    if (run.style & TextRun::kCode) {
      font = UiFont(FontRole::kMono);
      color = pal.leader;
    }
    if (!run.link.empty()) color = LessonLinkColor(pal);
    // Word by word, each with the spaces after it, so that lines break between words.
    std::string_view text = run.text;
    while (!text.empty()) {
      if (text.front() == '\n') {
        line_x = 0;
        text.remove_prefix(1);
        continue;
      }
      size_t end = text.find_first_of(" \n");
      if (end == std::string_view::npos) end = text.size();
      while (end < text.size() && text[end] == ' ') ++end;
      emit(text.substr(0, end), font, color, run.link);
      text.remove_prefix(end);
    }
  }
  if (line_x == 0 && runs.empty()) ImGui::NewLine();
}

void DrawCodeLines(const std::string& code, const Palette& pal) {
  ImGui::PushFont(UiFont(FontRole::kMono));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Col(pal.text)));
  std::string_view rest = code;
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    if (end == std::string_view::npos) end = rest.size();
    const std::string_view line = rest.substr(0, end);
    ImGui::TextUnformatted(line.data(), line.data() + line.size());
    rest.remove_prefix(std::min(rest.size(), end + 1));
  }
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

// A framed box the height of its content (ImGui 1.86 has no auto-resizing child: measure first).
bool BeginBox(const char* id, int lines, int extra_rows, Rgb border) {
  const float h = lines * ImGui::GetTextLineHeightWithSpacing() + extra_rows * ImGui::GetFrameHeightWithSpacing() +
                  ImGui::GetStyle().WindowPadding.y * 2 + 4;
  ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(Col(border)));
  const bool open = ImGui::BeginChild(id, ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PopStyleColor();
  return open;
}

int LineCount(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return std::max(1, n);
}

void DrawCommandBlock(History& history, UiState& ui, size_t command, const MarkdownBlock& block) {
  LessonPlayer& player = *ui.lesson;
  const Palette& pal = ui.palette();
  const StepStatus status = player.Status(history, command);
  const Rgb border = status.state == StepState::kDone ? (status.failed.empty() ? pal.node_broker : pal.split)
                     : status.state == StepState::kRunning ? pal.leader
                                                           : pal.frame;
  const int extra = 1 + static_cast<int>(status.failed.size());
  if (BeginBox(fmt::format("step{}", command).c_str(), LineCount(block.code), extra, border)) {
    DrawCodeLines(block.code, pal);
    const char* label = status.state == StepState::kNotRun ? "Run" : "Run again";
    if (status.state == StepState::kRunning) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(pal.leader)), "\xE2\x96\xB6 running step %zu...",
                         command + 1);
    } else {
      if (ImGui::Button(fmt::format("{}##run{}", label, command).c_str())) {
        if (auto error = player.Run(history, command)) {
          ui.lesson_message = *error;
        } else {
          ui.lesson_message.clear();
          ui.clock.set_playing(true);
        }
      }
      ImGui::SameLine();
      if (status.state == StepState::kDone) {
        const std::string done =
            status.checkpoints == 0
                ? fmt::format("\xE2\x9C\x93 step {} done at {}", command + 1, FormatTime(status.end->time))
                : fmt::format("{} step {} done at {}: {} of {} checkpoints hold", status.failed.empty() ? "\xE2\x9C\x93" : "\xE2\x9C\x97",
                              command + 1, FormatTime(status.end->time), status.checkpoints - static_cast<int>(status.failed.size()),
                              status.checkpoints);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(status.failed.empty() ? pal.node_broker : pal.split)), "%s",
                           done.c_str());
      } else if (status.state == StepState::kAhead) {
        ImGui::TextDisabled("runs later in this history%s",
                            status.end ? fmt::format(" (done at {})", FormatTime(status.end->time)).c_str() : "");
      } else {
        ImGui::TextDisabled("step %zu of %zu", command + 1, player.lesson().commands.size());
      }
    }
    for (const ExpectationOutcome& e : status.failed) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(pal.split)), "\xE2\x9C\x97 line %d: expect %s %s %s, actual %s",
                         e.location.line, e.query.c_str(), e.op.c_str(), e.expected.c_str(), e.actual.c_str());
    }
  }
  ImGui::EndChild();
}

void DrawQuestion(History& history, UiState& ui, size_t q) {
  LessonPlayer& player = *ui.lesson;
  const Palette& pal = ui.palette();
  const Question& question = player.lesson().questions[q];
  const QuestionState& state = player.question(q);
  ImGui::PushFont(UiFont(FontRole::kBold));
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(pal.leader)), "? Predict");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(question.prompt.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Indent();
  if (question.choices.empty()) {
    char typed[128];
    fmt::format_to_n(typed, sizeof(typed) - 1, "{}", state.prediction).out[0] = 0;
    ImGui::SetNextItemWidth(200 * ui.scale);
    if (ImGui::InputText(fmt::format("your answer##q{}", q).c_str(), typed, sizeof(typed))) player.Predict(q, typed);
  } else {
    for (size_t c = 0; c < question.choices.size(); ++c) {
      const std::string number = std::to_string(c + 1);
      const bool revealed_right = state.answer && state.answer->choice == c;
      if (revealed_right) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Col(pal.node_broker)));
      if (ImGui::RadioButton(fmt::format("{}. {}##q{}c{}", number, question.choices[c].label, q, c).c_str(),
                             state.prediction == number) &&
          !state.answer) {
        player.Predict(q, number);
      }
      if (revealed_right) ImGui::PopStyleColor();
    }
  }
  if (!state.answer) {
    const bool can = player.CanReveal(history, q);
    if (!can) ImGui::BeginDisabled();
    if (ImGui::Button(fmt::format("Reveal##q{}", q).c_str())) player.Reveal(history, q);
    if (!can) ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled(can ? "the simulation has the answer" : "run the next step to find out");
  } else if (!state.answer->ok()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(pal.split)), "%s", state.answer->error.c_str());
  } else {
    const std::string shown = state.answer->choice
                                  ? fmt::format("{}. {}", *state.answer->choice + 1, question.choices[*state.answer->choice].label)
                                  : state.answer->value;
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(pal.node_broker)), "! Answer: %s", shown.c_str());
    ImGui::TextDisabled("(%s is %s in the simulation after the step)", question.answer_text.c_str(),
                        state.answer->value.c_str());
    ImGui::PopTextWrapPos();
    if (const std::optional<bool> right = player.Right(q)) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(*right ? pal.node_broker : pal.split)), "You said %s: %s",
                         state.prediction.c_str(), *right ? "right." : "not this time.");
    }
  }
  ImGui::Unindent();
  ImGui::Spacing();
}

void DrawExercise(History& history, UiState& ui, size_t e) {
  LessonPlayer& player = *ui.lesson;
  const Palette& pal = ui.palette();
  const Exercise& exercise = player.lesson().exercises[e];
  const ExerciseState& state = player.exercise(e);
  if (ui.lesson_show_solution.size() < player.lesson().exercises.size()) {
    ui.lesson_show_solution.resize(player.lesson().exercises.size(), 0);
  }
  ImGui::PushFont(UiFont(FontRole::kBold));
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(pal.leader)), "\xE2\x9C\x8E Your turn");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(exercise.prompt.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Indent();
  ImGui::TextDisabled("Type commands in the console; then check.");
  for (size_t c = 0; c < exercise.checks.size(); ++c) {
    const bool checked = c < state.checks.size();
    const bool ok = checked && state.checks[c].ok;
    const Rgb color = !checked ? pal.text_dim : ok ? pal.node_broker : pal.split;
    const std::string text = checked && !ok ? fmt::format("{} (actual: {})", exercise.checks[c].text, state.checks[c].actual)
                                            : exercise.checks[c].text;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(color)), "%s %s", !checked ? "\xE2\x80\xA2" : ok ? "\xE2\x9C\x93" : "\xE2\x9C\x97",
                       text.c_str());
  }
  if (ImGui::Button(fmt::format("Check##e{}", e).c_str())) player.Check(history, e);
  ImGui::SameLine();
  bool show = ui.lesson_show_solution[e] != 0;
  if (ImGui::Checkbox(fmt::format("Show the solution##e{}", e).c_str(), &show)) ui.lesson_show_solution[e] = show;
  if (show) {
    std::string code;
    for (const ScenarioStep& step : exercise.solution.steps) code += step.text + "\n";
    DrawCodeLines(code, pal);
    if (ImGui::Button(fmt::format("Run the solution##e{}", e).c_str())) {
      if (auto error = player.RunSolution(history, e)) {
        ui.lesson_message = *error;
      } else {
        ui.clock.set_playing(true);
      }
    }
  }
  if (state.done) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(pal.node_broker)), "\xE2\x9C\x93 Done: every check holds.");
  ImGui::Unindent();
  ImGui::Spacing();
}

void DrawTable(const MarkdownBlock& block, UiState& ui, size_t index) {
  if (block.rows.empty()) return;
  const int columns = static_cast<int>(block.rows.front().size());
  if (columns == 0 || !ImGui::BeginTable(fmt::format("table{}", index).c_str(), columns,
                                         ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    return;
  }
  for (size_t r = 0; r < block.rows.size(); ++r) {
    ImGui::TableNextRow(r == 0 ? ImGuiTableRowFlags_Headers : 0);
    for (int c = 0; c < columns; ++c) {
      ImGui::TableNextColumn();
      if (static_cast<size_t>(c) >= block.rows[r].size()) continue;
      if (r == 0) {
        ImGui::PushFont(UiFont(FontRole::kBold));
        ImGui::TextUnformatted(PlainText(block.rows[r][c]).c_str());
        ImGui::PopFont();
      } else {
        DrawRuns(block.rows[r][c], ui);
      }
    }
  }
  ImGui::EndTable();
}

void DrawBlock(History& history, UiState& ui, size_t i) {
  const Lesson& lesson = ui.lesson->lesson();
  const MarkdownBlock& block = lesson.document.blocks[i];
  const Palette& pal = ui.palette();
  const float indent = 18 * ui.scale * static_cast<float>(std::max(0, block.list_depth - 1) + block.quote_depth);
  if (indent > 0) ImGui::Indent(indent);
  switch (block.kind) {
    case MarkdownBlock::Kind::kHeading: {
      ImGui::Spacing();
      ImGui::PushFont(UiFont(block.level <= 1 ? FontRole::kHeading1 : block.level == 2 ? FontRole::kHeading2 : FontRole::kBold));
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Col(pal.leader)));
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(PlainText(block.runs).c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopStyleColor();
      ImGui::PopFont();
      if (block.level <= 2) ImGui::Separator();
      break;
    }
    case MarkdownBlock::Kind::kParagraph:
      DrawRuns(block.runs, ui);
      ImGui::Spacing();
      break;
    case MarkdownBlock::Kind::kListItem:
      ImGui::Indent(12 * ui.scale);
      DrawRuns(block.runs, ui, block.number > 0 ? fmt::format("{}. ", block.number) : "\xE2\x80\xA2 ");
      ImGui::Unindent(12 * ui.scale);
      break;
    case MarkdownBlock::Kind::kRule:
      ImGui::Separator();
      break;
    case MarkdownBlock::Kind::kTable:
      DrawTable(block, ui, i);
      ImGui::Spacing();
      break;
    case MarkdownBlock::Kind::kCode:
      if (const CommandBlock* commands = lesson.CommandsAt(i)) {
        DrawCommandBlock(history, ui, static_cast<size_t>(commands - lesson.commands.data()), block);
      } else if (const Question* question = lesson.QuestionAt(i)) {
        DrawQuestion(history, ui, static_cast<size_t>(question - lesson.questions.data()));
      } else if (const Exercise* exercise = lesson.ExerciseAt(i)) {
        DrawExercise(history, ui, static_cast<size_t>(exercise - lesson.exercises.data()));
      } else {
        if (BeginBox(fmt::format("code{}", i).c_str(), LineCount(block.code), 0, pal.frame)) DrawCodeLines(block.code, pal);
        ImGui::EndChild();
      }
      ImGui::Spacing();
      break;
  }
  if (indent > 0) ImGui::Unindent(indent);
}

}  // namespace

void DrawLessonPanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Lesson", area);
  if (!ui.lesson) {
    ImGui::TextDisabled("No lesson is open: start kafkasim-viz --lesson 1");
    ImGui::End();
    return;
  }
  LessonPlayer& player = *ui.lesson;
  const Lesson& lesson = player.lesson();
  const Palette& pal = ui.palette();

  // The header: which lesson, how far, and the section menu (the simulation follows).
  const LessonProgress progress = player.Progress(history);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(pal.text_dim)), "Lesson %d \xC2\xB7 about %d minutes \xC2\xB7 %d of %d steps done",
                     lesson.number, lesson.minutes, progress.steps_done, progress.steps_total);
  const size_t next = player.NextStep(history);
  const size_t here = next == 0 ? 0 : player.SectionOf(lesson.commands[next - 1].block);
  ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x - 150 * ui.scale));
  if (ImGui::BeginCombo("##section", player.sections()[here].title.c_str())) {
    for (size_t s = 0; s < player.sections().size(); ++s) {
      const LessonSection& section = player.sections()[s];
      const std::string label = fmt::format("{}{}##s{}", std::string(static_cast<size_t>(section.level - 1) * 2, ' '),
                                            section.title, s);
      if (ImGui::Selectable(label.c_str(), s == here)) {
        ui.clock.set_playing(false);
        if (auto error = player.JumpToSection(history, s)) ui.lesson_message = *error;
        ui.lesson_scroll_to = static_cast<int>(section.block);
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  const bool all_run = next >= lesson.commands.size();
  if (all_run) ImGui::BeginDisabled();
  if (ImGui::Button(all_run ? "All steps run" : fmt::format("Run step {}", next + 1).c_str())) {
    if (auto error = player.Run(history, next)) {
      ui.lesson_message = *error;
    } else {
      ui.clock.set_playing(true);
      ui.lesson_scroll_to = static_cast<int>(lesson.commands[next].block);
    }
  }
  if (all_run) ImGui::EndDisabled();
  if (!ui.lesson_message.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(pal.split)), "%s", ui.lesson_message.c_str());
  ImGui::Separator();

  ImGui::BeginChild("lesson-text", ImVec2(0, 0), false);
  ImGui::PushTextWrapPos(0);
  const std::vector<MarkdownBlock>& blocks = lesson.document.blocks;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (ui.lesson_scroll_to == static_cast<int>(i)) {
      ImGui::SetScrollHereY(0.1f);
      ui.lesson_scroll_to = -1;
    }
    ImGui::PushID(static_cast<int>(i));
    DrawBlock(history, ui, i);
    ImGui::PopID();
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::End();
  (void)frame;
}

}  // namespace kafkasim::viz
