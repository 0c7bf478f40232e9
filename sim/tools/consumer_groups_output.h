#pragma once
// What kafka-consumer-groups.sh (ConsumerGroupCommand, Kafka 3.7) prints, as pure functions of
// what it learned, so the layout is testable without a cluster.
//
// --describe (offsets): a blank line, then columns padded as Java's %-Ns pads them —
//   GROUP (≥15) TOPIC (≥15) PARTITION (10) CURRENT-OFFSET (15) LOG-END-OFFSET (15) LAG (15)
//   CONSUMER-ID (≥15) HOST (≥15) CLIENT-ID
// widened to the longest value; "-" where there is no value. Rows: members with the most
// partitions first, each member's partitions by partition number; then committed partitions no
// member owns, with "-" for the member columns. LOG-END-OFFSET is the high watermark, LAG its
// distance from the committed offset.

#include <optional>
#include <string>
#include <vector>

namespace kafkasim {

struct GroupOffsetRow {
  std::string topic;
  int32_t partition = 0;
  std::optional<int64_t> current_offset, log_end_offset;
  std::optional<std::string> consumer_id, host, client_id;
  std::optional<int64_t> lag() const {
    if (!current_offset || !log_end_offset) return std::nullopt;
    return *log_end_offset - *current_offset;
  }
};

struct ToolText {
  std::string out, err;
};

// The group's state decides the preamble: "Consumer group 'g' does not exist." (Dead, as an
// "Error: " line), "has no active members." (Empty), "is rebalancing." (Preparing/Completing).
ToolText FormatDescribeOffsets(const std::string& group, const std::string& state,
                               const std::vector<GroupOffsetRow>& rows);

}  // namespace kafkasim
