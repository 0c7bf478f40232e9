#include "sim/tools/consumer_app_part.h"

#include <fmt/format.h>

#include "sim/script/session.h"
#include "sim/tools/group_lookup.h"
#include "sim/tools/ledger_part.h"

namespace kafkasim {

ConsumerAppPart::ConsumerAppPart(Session& session) : session_(session) { session_.trace().AddSink(this); }

ConsumerAppPart::~ConsumerAppPart() { session_.trace().RemoveSink(this); }

std::shared_ptr<ConsumerAppState> ConsumerAppPart::Add(ConsumerAppSpec spec) {
  auto state = std::make_shared<ConsumerAppState>(ConsumerAppState{.spec = std::move(spec)});
  Session* session = &session_;
  state->log = [session](const std::string& line) { session->PrintError(line); };
  apps_[state->spec.name] = state;
  return state;
}

const ConsumerAppState* ConsumerAppPart::Find(const std::string& name) const {
  auto it = apps_.find(name);
  return it == apps_.end() ? nullptr : it->second.get();
}

void ConsumerAppPart::OnEvent(const TraceEvent& event) {
  auto it = apps_.find(event.node);
  if (event.kind != "node.crash" || it == apps_.end()) return;
  const ConsumerAppState& app = *it->second;
  const std::string& group = app.spec.group;
  std::vector<std::string> again, never;
  if (app.spec.commit == CommitMode::kBeforeProcess) {
    // Committed, then crashed before processing the rest of the batch: the group resumes past it.
    if (app.batch.committed) {
      std::map<TopicPartition, std::vector<OffsetRange>> skipped;
      for (size_t i = app.batch.processed; i < app.batch.records.size(); ++i) {
        const auto& [tp, offset] = app.batch.records[i];
        auto& ranges = skipped[tp];
        if (!ranges.empty() && ranges.back().second + 1 == static_cast<uint64_t>(offset)) {
          ranges.back().second = static_cast<uint64_t>(offset);
        } else {
          ranges.emplace_back(offset, offset);
        }
      }
      for (const auto& [tp, ranges] : skipped) {
        never.push_back(fmt::format("{} {}", ToString(tp), FormatOffsetRanges(ranges)));
      }
    }
  } else if (const GroupProcessing* processing = session_.part<LedgerPart>().ledger().FindGroup(group)) {
    // Processed at or past the committed offset: a restart from there processes them again.
    if (auto committed = CommittedOffsets(session_, group)) {
      for (const TopicPartition& tp : app.assignment) {
        auto c = committed->find(tp);
        const uint64_t from = c == committed->end() || c->second < 0 ? 0 : static_cast<uint64_t>(c->second);
        const std::vector<OffsetRange> ranges = processing->ProcessedFrom(tp, from);
        if (!ranges.empty()) again.push_back(fmt::format("{} {}", ToString(tp), FormatOffsetRanges(ranges)));
      }
    }
  }
  if (!again.empty()) {
    session_.trace().Emit(TraceEvent{
        .time = event.time, .kind = "ledger.reprocess", .node = event.node, .cause = event.seq,
        .rule = fmt::format("--commit {}", ToString(app.spec.commit)),
        .fields = {{"group", group}, {"offsets", fmt::format("{}", fmt::join(again, "; "))}},
        .narration = fmt::format("{} crashed after processing offsets {} but before committing them: group {} will "
                                 "process them again from its committed offsets (at-least-once)",
                                 event.node, fmt::join(again, "; "), group)});
  }
  if (!never.empty()) {
    session_.trace().Emit(TraceEvent{
        .time = event.time, .kind = "ledger.skipped", .node = event.node, .cause = event.seq,
        .rule = "--commit before-process",
        .fields = {{"group", group}, {"offsets", fmt::format("{}", fmt::join(never, "; "))}},
        .narration = fmt::format("{} committed before processing and crashed: offsets {} are never processed by "
                                 "group {}, which resumes after them (at-most-once)",
                                 event.node, fmt::join(never, "; "), group)});
  }
}

}  // namespace kafkasim
