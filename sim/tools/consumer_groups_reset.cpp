#include "sim/tools/consumer_groups_reset.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <charconv>
#include <regex>

#include <fmt/format.h>

namespace kafkasim {
namespace {

std::string Name(const TopicPartition& tp) { return fmt::format("{}-{}", tp.topic, tp.partition); }

// Integer.parseInt: optional sign, decimal digits, within int32.
std::optional<int32_t> ParseInt(const std::string& s) {
  std::string_view v = s;
  if (v.starts_with('+')) v.remove_prefix(1);
  int32_t out = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  return out;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool LeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::variant<TopicArg, std::string> ParseTopicArg(const std::string& arg) {
  const size_t colon = arg.find(':');
  if (colon == std::string::npos) return TopicArg{.topic = arg};
  TopicArg t{.topic = arg.substr(0, colon), .partitions = std::vector<int32_t>{}};
  std::string rest = arg.substr(colon + 1);
  if (const size_t more = rest.find(':'); more != std::string::npos) rest = rest.substr(0, more);
  if (rest.empty()) return std::string("Index 1 out of bounds for length 1");
  size_t start = 0;
  while (start <= rest.size()) {
    const size_t comma = rest.find(',', start);
    const std::string part = rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    // String.split drops trailing empty strings, so "0,1," names 0 and 1.
    if (!(part.empty() && comma == std::string::npos)) {
      auto p = ParseInt(part);
      if (!p) return fmt::format("For input string: \"{}\"", part);
      t.partitions->push_back(*p);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return t;
}

std::variant<int64_t, std::string> ParseKafkaDateTime(const std::string& text) {
  const size_t t = text.find('T');
  if (t == std::string::npos || t + 1 == text.size()) {
    return fmt::format("Error parsing timestamp. It does not contain a 'T' according to ISO8601 format: {}", text);
  }
  std::string stamp = text;
  const std::string time_part = text.substr(t + 1);
  if (time_part.find_first_of("+-Z") == std::string::npos) stamp += "Z";
  static const std::regex kFormat(
      R"((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})(Z|[+-]\d{2}(?::?\d{2})?))");
  std::smatch m;
  const std::string unparseable = fmt::format("Unparseable date: \"{}\"", stamp);
  if (!std::regex_match(stamp, m, kFormat)) return unparseable;
  auto num = [&](int i) { return std::stoll(m[i].str()); };
  const int64_t year = num(1), month = num(2), day = num(3), hour = num(4), minute = num(5), second = num(6);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] + (month == 2 && LeapYear(year)) || hour > 23 ||
      minute > 59 || second > 59) {
    return unparseable;
  }
  int64_t offset_minutes = 0;
  const std::string zone = m[8].str();
  if (zone != "Z") {
    std::string digits;
    for (char c : zone) {
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    }
    offset_minutes = std::stoll(digits.substr(0, 2)) * 60 + (digits.size() > 2 ? std::stoll(digits.substr(2)) : 0);
    if (zone[0] == '-') offset_minutes = -offset_minutes;
  }
  const int64_t seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return (seconds - offset_minutes * 60) * 1000 + num(7);
}

std::variant<int64_t, std::string> ParseJavaDuration(const std::string& text) {
  static const std::regex kPattern(
      R"(([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?)",
      std::regex::icase);
  const std::string error = "Text cannot be parsed to a Duration";
  std::smatch m;
  if (!std::regex_match(text, m, kPattern)) return error;
  // "P" alone, or a "T" with nothing after it, is not a duration.
  if (m[3].matched ? (!m[4].matched && !m[5].matched && !m[6].matched) : !m[2].matched) return error;
  try {
    auto part = [&](int i) -> int64_t { return m[i].matched ? std::stoll(m[i].str()) : 0; };
    const int64_t seconds = part(2) * 86400 + part(4) * 3600 + part(5) * 60 + part(6);
    int64_t millis = seconds * 1000;
    if (m[7].matched && m[7].length() > 0) {
      std::string fraction = m[7].str();
      fraction.resize(9, '0');
      const int64_t nanos = std::stoll(fraction);
      // The fraction takes the seconds' sign: "PT-1.5S" is -1.5 s.
      millis += (m[6].str().starts_with('-') ? -1 : 1) * (nanos / 1'000'000);
    }
    return m[1].str() == "-" ? -millis : millis;
  } catch (const std::out_of_range&) {
    return error;
  }
}

std::variant<int64_t, std::string> ResetTimestamp(const ResetScenario& scenario, int64_t now_ms) {
  int64_t timestamp = 0;
  if (scenario.kind == ResetScenarioKind::kToDatetime) {
    auto t = ParseKafkaDateTime(scenario.text);
    if (auto* e = std::get_if<std::string>(&t)) return *e;
    timestamp = std::get<int64_t>(t);
  } else {
    assert(scenario.kind == ResetScenarioKind::kByDuration && "only the time scenarios look up a timestamp");
    auto d = ParseJavaDuration(scenario.text);
    if (auto* e = std::get_if<std::string>(&d)) return *e;
    timestamp = now_ms - std::get<int64_t>(d);
  }
  // The simulation's clock starts at the epoch, so "a minute ago" may come before it. Every
  // record is at or after any such time, as it is after time 0: ask for 0, since the broker
  // reads negative timestamps as its special ones (-1 latest, -2 earliest, ...).
  return std::max<int64_t>(0, timestamp);
}

ResetLookups LookupsFor(ResetScenarioKind kind) {
  switch (kind) {
    case ResetScenarioKind::kToOffset: return {.log_start = true, .log_end = true};
    case ResetScenarioKind::kShiftBy: return {.committed = true, .log_start = true, .log_end = true};
    case ResetScenarioKind::kToDatetime:
    case ResetScenarioKind::kByDuration: return {.log_end = true, .timestamp = true};
    case ResetScenarioKind::kToEarliest: return {.log_start = true};
    case ResetScenarioKind::kToLatest: return {.log_end = true};
    case ResetScenarioKind::kToCurrent: return {.committed = true, .log_end = true};
  }
  return {};
}

ResetPlan PlanReset(const ResetScenario& scenario, const std::vector<TopicPartition>& partitions,
                    const ResetInputs& in) {
  ResetPlan plan;
  // checkOffsetsRange: a requested offset outside the log moves to its nearest end, with a WARN.
  auto clamp = [&](const TopicPartition& tp, int64_t offset) -> std::optional<int64_t> {
    auto end = in.log_end.find(tp);
    if (end == in.log_end.end()) {
      plan.usage_error = fmt::format("Unexpected non-existing offset value for topic partition {}", Name(tp));
      return std::nullopt;
    }
    if (offset > end->second) {
      plan.warnings.push_back(fmt::format("New offset ({}) is higher than latest offset for topic partition {}. "
                                          "Value will be set to {}",
                                          offset, Name(tp), end->second));
      return end->second;
    }
    if (auto start = in.log_start.find(tp); start != in.log_start.end() && offset < start->second) {
      plan.warnings.push_back(fmt::format("New offset ({}) is lower than earliest offset for topic partition {}. "
                                          "Value will be set to {}",
                                          offset, Name(tp), start->second));
      return start->second;
    }
    return offset;
  };
  auto lookup = [&](const std::map<TopicPartition, int64_t>& from, const TopicPartition& tp,
                    const char* what) -> std::optional<int64_t> {
    if (auto it = from.find(tp); it != from.end()) return it->second;
    plan.usage_error = fmt::format("Error getting {} of topic partition: {}", what, Name(tp));
    return std::nullopt;
  };
  for (const TopicPartition& tp : partitions) {
    std::optional<int64_t> offset;
    switch (scenario.kind) {
      case ResetScenarioKind::kToOffset: offset = clamp(tp, scenario.value); break;
      case ResetScenarioKind::kShiftBy: {
        auto current = in.committed.find(tp);
        if (current == in.committed.end()) {
          plan.usage_error = fmt::format(
              "Cannot shift offset for partition {} since there is no current committed offset", Name(tp));
          break;
        }
        offset = clamp(tp, current->second + scenario.value);
        break;
      }
      case ResetScenarioKind::kToEarliest: offset = lookup(in.log_start, tp, "starting offset"); break;
      case ResetScenarioKind::kToLatest: offset = lookup(in.log_end, tp, "ending offset"); break;
      case ResetScenarioKind::kToCurrent:
        if (auto c = in.committed.find(tp); c != in.committed.end()) {
          offset = c->second;
        } else {
          offset = lookup(in.log_end, tp, "ending offset");
        }
        break;
      case ResetScenarioKind::kToDatetime:
      case ResetScenarioKind::kByDuration:
        // getLogTimestampOffsets: no record that recent falls back to the log end offset.
        if (auto t = in.by_timestamp.find(tp); t != in.by_timestamp.end() && t->second >= 0) {
          offset = t->second;
        } else {
          offset = lookup(in.log_end, tp, "offset by timestamp");
        }
        break;
    }
    if (plan.usage_error) return plan;
    assert(offset.has_value());
    plan.offsets.emplace_back(tp, *offset);
  }
  return plan;
}

}  // namespace kafkasim
