#pragma once
// The event log's list: indexes into the timeline of the events a LogFilter keeps, kept up to
// date incrementally as the recording grows, and rebuilt when the filter or the branch changes.
// The panel draws only the visible rows of it (a clipper), so a million events cost nothing.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/record/timeline.h"
#include "viz/model/event_class.h"
#include "viz/model/look_back_index.h"

namespace kafkasim::viz {

class LogIndex {
 public:
  // Brings the list up to date with `timeline` under `filter`. `generation` identifies the
  // timeline (the branch): a change rebuilds. Indexes at most `budget` new events per call, but
  // always through `through` (the cursor's event): the rows around the cursor are the ones shown,
  // so after a jump far ahead the log is right at once, not a few frames later.
  void Update(const Timeline& timeline, int generation, const LogFilter& filter,
              std::optional<size_t> through = std::nullopt, size_t budget = 200000);
  const std::vector<uint32_t>& rows() const { return rows_; }
  // The last row whose event is at or before timeline index `index` (the cursor's row).
  std::optional<size_t> RowAtOrBefore(size_t index) const;

 private:
  std::vector<uint32_t> rows_;
  size_t scanned_ = 0;
  int generation_ = -1;
  LogFilter filter_;
  bool has_filter_ = false;
};

// What just happened, for the presentation captions: the teacher's latest narration at or
// before the cursor and the latest state changes within `window` of simulated time (most recent
// first), looking back at most 50,000 events. A caption is read at a glance: a state change is
// cut after kMaxCaptionBytes (an election at a hundred brokers names thousands of partitions; the
// event log keeps it whole), a narration after four times that.
struct Captions {
  static constexpr size_t kMaxCaptionBytes = 300;
  std::string narration;
  std::vector<std::string> recent;  // "12.300s zookeeper-3 crashed", ...
};
// `index` must be up to date with `timeline` through the cursor.
Captions CaptionsAt(const Timeline& timeline, const LookBackIndex& index, std::optional<size_t> cursor_index,
                    Duration window, size_t max_recent = 3);

}  // namespace kafkasim::viz
