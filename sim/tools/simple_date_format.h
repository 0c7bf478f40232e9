#pragma once
// java.text.SimpleDateFormat's patterns, for the tools that take one (kafka-consumer-perf-test.sh
// --date-format, default "yyyy-MM-dd HH:mm:ss:SSS"). Simulated time is milliseconds since the
// epoch, printed in UTC (the JVM of a simulated machine runs in UTC), so a run replays.
//
// Letters: y (year; "yy" two digits), M (month; MMM "Jan", MMMM "January"), d, H (0-23), k (1-24),
// K (0-11), h (1-12), m, s, S (milliseconds), a (AM/PM), E (EEE "Mon", EEEE "Monday"), D (day of
// year), z ("UTC"), Z ("+0000"), X ("Z"). A run of one letter is zero-padded to its length; text
// in single quotes is literal ('' is a quote); other non-letters are literal. Any other letter
// is refused as SimpleDateFormat refuses it: "Illegal pattern character 'q'".

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace kafkasim {

struct SimpleDateFormatError {
  std::string message;  // IllegalArgumentException's message
};

// The pattern is checked before anything is formatted: a bad one is an error whatever the time.
std::variant<std::string, SimpleDateFormatError> FormatSimpleDate(std::string_view pattern, int64_t epoch_millis);

}  // namespace kafkasim
