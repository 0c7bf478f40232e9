#pragma once
// kafka-dump-log.sh (Kafka's DumpLogSegments, 3.7) as a pure function from a file's bytes to the
// text the tool prints, so that what a student reads is what Kafka would print for the same file.
//
//   Dumping /tmp/kafka-logs/orders-0/00000000000000000000.log
//   Log starting offset: 0
//   baseOffset: 0 lastOffset: 1 count: 2 baseSequence: -1 lastSequence: -1 producerId: -1 ...
//   | offset: 0 CreateTime: 1700000000000 keySize: 1 valueSize: 5 sequence: -1 headerKeys: [] ...
//
// Batches are read as FileRecords reads them: shallowly, without trusting them. A batch whose CRC
// fails prints `isvalid: false`; bytes that do not form a whole batch at the end are reported as
// "Found N invalid bytes at the end of FILE". Keys and values print as UTF-8 text (the default
// StringDecoder).

#include <string>
#include <string_view>

#include "sim/storage/record.h"

namespace kafkasim {

struct DumpLogOptions {
  bool print_data_log = false;  // --print-data-log: keys and payloads (implies deep iteration)
  bool deep_iteration = false;  // --deep-iteration: one line per record
};

// A `.log` file. `path` is printed as given; the base offset comes from its file name.
std::string DumpLogFile(std::string_view path, Bytes log_bytes, const DumpLogOptions& options);
// A `.index` file: "offset: 42 position: 4169" per entry (absolute offsets).
std::string DumpOffsetIndexFile(std::string_view path, Bytes index_bytes);
// A `.timeindex` file: "timestamp: 1700000000000 offset: 42" per entry.
std::string DumpTimeIndexFile(std::string_view path, Bytes time_index_bytes);

}  // namespace kafkasim
