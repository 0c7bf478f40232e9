#include "sim/script/foreground_job.h"

#include <cassert>

#include "sim/script/session.h"

namespace kafkasim {

ForegroundJob::~ForegroundJob() {
  if (running() && node_ != kNoNode) {
    auto& jobs = session_->part<ForegroundJobs>().jobs_;
    if (auto it = jobs.find(node_); it != jobs.end() && it->second == this) jobs.erase(it);
  }
}

void ForegroundJob::Begin(Session& session, std::function<void(int)> done) {
  assert(session_ == nullptr && "an invocation runs once");
  session_ = &session;
  done_ = std::move(done);
}

void ForegroundJob::RunsAs(NodeId node) {
  assert(session_ != nullptr && node_ == kNoNode);
  node_ = node;
  if (running()) session_->part<ForegroundJobs>().jobs_[node] = this;
}

void ForegroundJob::Finish(int exit_code) {
  if (!done_) return;
  if (node_ != kNoNode) session_->part<ForegroundJobs>().jobs_.erase(node_);
  auto done = std::move(done_);
  done_ = nullptr;
  done(exit_code);
}

void ForegroundJob::Killed() {
  // What bash prints when a foreground job dies of SIGKILL.
  session_->PrintError("Killed");
  Finish(137);
}

void ForegroundJob::Terminated() {
  if (on_terminate_) on_terminate_();
  Finish(143);
}

void ForegroundJobs::Killed(NodeId node) {
  if (auto it = jobs_.find(node); it != jobs_.end()) it->second->Killed();
}

void ForegroundJobs::Terminated(NodeId node) {
  if (auto it = jobs_.find(node); it != jobs_.end()) it->second->Terminated();
}

}  // namespace kafkasim
