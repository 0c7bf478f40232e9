#pragma once
// The consumer apps a session started (`consumer start`), by name, with the state that outlives
// their processes (consumer_app.h), kept as Session::part<ConsumerAppPart>().
//
// It listens to the trace for `node.crash` of an app and says what the crash does to the
// records in its hands, from the group's committed offsets at its coordinator and the ledger:
//   after-process / auto   records processed but not committed yet will be processed again
//                          from the committed offset (at-least-once: duplicates);
//   before-process         records committed but not processed yet are never processed
//                          (at-most-once: loss).

#include <map>
#include <memory>
#include <string>

#include "sim/core/trace.h"
#include "sim/tools/consumer_app.h"

namespace kafkasim {

class Session;

class ConsumerAppPart : public TraceSink {
 public:
  explicit ConsumerAppPart(Session& session);
  ~ConsumerAppPart() override;

  std::shared_ptr<ConsumerAppState> Add(ConsumerAppSpec spec);
  const ConsumerAppState* Find(const std::string& name) const;
  const std::map<std::string, std::shared_ptr<ConsumerAppState>>& apps() const { return apps_; }

  bool Wants(std::string_view kind) const override { return kind == "node.crash"; }
  void OnEvent(const TraceEvent& event) override;

 private:
  Session& session_;
  std::map<std::string, std::shared_ptr<ConsumerAppState>> apps_;
};

}  // namespace kafkasim
