#include "sim/tools/producer_app.h"

#include <charconv>

#include <fmt/format.h>

#include "sim/core/domain_event.h"
#include "sim/core/observation_event.h"

namespace kafkasim {

namespace {

// A record acknowledged at an offset.
struct AckedRecord {
  uint64_t n = 0;
  std::optional<std::string> key;
  TopicPartition tp;
  int64_t offset = -1;
};

// The ledger saw `acked` stored after a record its app sent later: say so, and why when the
// producer's settings allow it.
void NarrateOrderBreak(Simulation& sim, NodeId self, const ProducerAppSpec& spec, const AckedRecord& acked,
                       const LedgerOrderBreak& broken) {
  const auto& [n, key, tp, offset] = acked;
  const ProducerConfig& config = spec.config;
  const bool reorders = !config.idempotence && config.max_in_flight > 1;
  const std::string scope = key ? fmt::format("key '{}'", *key) : fmt::format("the records of {} without a key", ToString(tp));
  EmitObservation(
      sim, self,
      {.kind = "ledger.out_of_order",
       .narration = fmt::format(
           "{}'s record #{} was written to {} at offset {}, after record #{} (offset {}) which it sent later: the "
           "order of {} is broken{}",
           spec.name, n, ToString(tp), offset, broken.later, broken.later_offset, scope,
           reorders ? ": without idempotence and with several requests in flight, a retried batch lands behind the "
                      "batches sent after it"
                    : ""),
       .rule = reorders ? fmt::format("enable.idempotence=false, max.in.flight.requests.per.connection={}",
                                      config.max_in_flight)
                        : "",
       .fields = {{"topic", tp.topic}, {"partition", tp.partition}, {"offset", offset}, {"record", n},
                  {"later_record", broken.later}, {"later_offset", broken.later_offset}}});
}

}  // namespace

ProducerApp::ProducerApp(Simulation& sim, NodeId self, const BrokerDirectory& directory,
                         std::shared_ptr<ProducerAppState> state, Ledger& ledger)
    : sim_(sim), self_(self), state_(std::move(state)), ledger_(ledger),
      producer_(sim, self, directory, state_->spec.config, state_->stats) {}

ProducerApp::~ProducerApp() { sim_.Cancel(tick_); }

void ProducerApp::OnStart() {
  producer_.OnStart();
  Tick();
}

void ProducerApp::Tick() {
  const ProducerAppSpec& spec = state_->spec;
  if (stopping_ || (spec.count && state_->next_record > *spec.count)) return;
  const uint64_t n = state_->next_record++;
  ProducerRecord record{.topic = spec.topic, .value = LedgerValue(spec.name, n, spec.value_size)};
  if (!spec.keys.empty()) record.key = spec.keys[(n - 1) % spec.keys.size()];
  ledger_.OnSent(spec.name, n);
  std::optional<std::string> key = record.key;
  // The ledger and the app's state outlive the process: the callback holds them, not the process.
  producer_.Send(std::move(record), [sim = &sim_, self = self_, state = state_, ledger = &ledger_, n,
                                     key](const DeliveryReport& report) {
    if (!report.ok()) return ledger->OnFailed(state->spec.name, n);
    const int64_t offset = report.offset.value();
    if (const auto broken = ledger->OnAcked(state->spec.name, n, report.tp, offset, key)) {
      NarrateOrderBreak(*sim, self, state->spec, {.n = n, .key = key, .tp = report.tp, .offset = offset}, *broken);
    }
  });
  tick_ = sim_.Schedule(spec.interval, self_, [this] { Tick(); });
}

void ProducerApp::Shutdown(std::function<void()> done) {
  stopping_ = true;
  sim_.Cancel(tick_);
  producer_.Shutdown(std::move(done));
}

std::optional<std::vector<std::string>> ExpandKeys(const std::string& pattern) {
  if (pattern.empty()) return std::nullopt;
  const size_t open = pattern.find('{');
  if (open == std::string::npos) {
    std::vector<std::string> keys;
    size_t start = 0;
    while (true) {
      const size_t comma = pattern.find(',', start);
      keys.push_back(pattern.substr(start, comma - start));
      if (keys.back().empty()) return std::nullopt;
      if (comma == std::string::npos) return keys;
      start = comma + 1;
    }
  }
  const size_t dots = pattern.find("..", open);
  const size_t close = pattern.find('}', open);
  if (dots == std::string::npos || close == std::string::npos || dots > close) return std::nullopt;
  int64_t first = 0, last = 0;
  const char* a = pattern.data() + open + 1;
  const char* b = pattern.data() + dots + 2;
  if (std::from_chars(a, pattern.data() + dots, first).ptr != pattern.data() + dots ||
      std::from_chars(b, pattern.data() + close, last).ptr != pattern.data() + close || first > last ||
      last - first >= 1000000) {
    return std::nullopt;
  }
  std::vector<std::string> keys;
  const std::string prefix = pattern.substr(0, open), suffix = pattern.substr(close + 1);
  for (int64_t i = first; i <= last; ++i) keys.push_back(fmt::format("{}{}{}", prefix, i, suffix));
  return keys;
}

std::optional<Duration> ParseRate(const std::string& rate) {
  const size_t slash = rate.find('/');
  if (slash == std::string::npos || rate.substr(slash) != "/s") return std::nullopt;
  int64_t per_second = 0;
  const auto [ptr, ec] = std::from_chars(rate.data(), rate.data() + slash, per_second);
  if (ec != std::errc() || ptr != rate.data() + slash || per_second <= 0 || per_second > 1000000) return std::nullopt;
  return Duration::Micros(1000000 / per_second);
}

}  // namespace kafkasim
