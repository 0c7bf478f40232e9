#include "sim/tools/simple_date_format.h"

#include <array>
#include <chrono>

#include <fmt/format.h>

namespace kafkasim {
namespace {

struct CivilTime {
  int64_t year, month, day, day_of_year, weekday;  // weekday 0 = Sunday
  int64_t hour, minute, second, millis;
};

CivilTime ToCivil(int64_t epoch_millis) {
  using namespace std::chrono;
  const milliseconds since_epoch{epoch_millis};
  const sys_days day = floor<days>(sys_time<milliseconds>{since_epoch});
  const int64_t ms_of_day = (since_epoch - day.time_since_epoch()).count();
  const year_month_day date{day};
  CivilTime t{};
  t.year = static_cast<int>(date.year());
  t.month = static_cast<unsigned>(date.month());
  t.day = static_cast<unsigned>(date.day());
  t.day_of_year = (day - sys_days{date.year() / January / 1}).count() + 1;
  t.weekday = weekday{day}.c_encoding();  // 0 = Sunday, as CivilTime counts
  t.hour = ms_of_day / 3'600'000;
  t.minute = ms_of_day / 60'000 % 60;
  t.second = ms_of_day / 1000 % 60;
  t.millis = ms_of_day % 1000;
  return t;
}

constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 7> kWeekdays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                  "Thursday", "Friday", "Saturday"};

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string Padded(int64_t value, size_t count) { return fmt::format("{:0{}}", value, count); }

// One run of `count` times `letter`; false when the letter is not a pattern letter kafkasim knows.
bool FormatField(char letter, size_t count, const CivilTime& t, std::string& out) {
  switch (letter) {
    case 'y':
      out += count == 2 ? Padded(t.year % 100, 2) : Padded(t.year, count);
      return true;
    case 'M':
      if (count >= 4) {
        out += kMonths[static_cast<size_t>(t.month - 1)];
      } else if (count == 3) {
        out += std::string_view(kMonths[static_cast<size_t>(t.month - 1)]).substr(0, 3);
      } else {
        out += Padded(t.month, count);
      }
      return true;
    case 'd': out += Padded(t.day, count); return true;
    case 'D': out += Padded(t.day_of_year, count); return true;
    case 'H': out += Padded(t.hour, count); return true;
    case 'k': out += Padded(t.hour == 0 ? 24 : t.hour, count); return true;
    case 'K': out += Padded(t.hour % 12, count); return true;
    case 'h': out += Padded(t.hour % 12 == 0 ? 12 : t.hour % 12, count); return true;
    case 'm': out += Padded(t.minute, count); return true;
    case 's': out += Padded(t.second, count); return true;
    case 'S': out += Padded(t.millis, count); return true;
    case 'a': out += t.hour < 12 ? "AM" : "PM"; return true;
    case 'E': {
      const std::string_view name = kWeekdays[static_cast<size_t>(t.weekday)];
      out += count >= 4 ? name : name.substr(0, 3);
      return true;
    }
    case 'z': out += count >= 4 ? "Coordinated Universal Time" : "UTC"; return true;
    case 'Z': out += "+0000"; return true;
    case 'X': out += "Z"; return true;
    default: return false;
  }
}

}  // namespace

std::variant<std::string, SimpleDateFormatError> FormatSimpleDate(std::string_view pattern, int64_t epoch_millis) {
  const CivilTime t = ToCivil(epoch_millis);
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\'') {
      // '' is a quote; 'text' is literal, up to the closing quote.
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        out += '\'';
        i += 2;
        continue;
      }
      // 'text' is literal up to the closing quote; '' inside it is a quote.
      size_t j = i + 1;
      for (;; ++j) {
        if (j >= pattern.size()) return SimpleDateFormatError{"Unterminated quote"};
        if (pattern[j] != '\'') {
          out += pattern[j];
        } else if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
          out += '\'';
          ++j;
        } else {
          break;
        }
      }
      i = j + 1;
      continue;
    }
    if (!IsAsciiLetter(c)) {
      out += c;
      ++i;
      continue;
    }
    size_t count = 1;
    while (i + count < pattern.size() && pattern[i + count] == c) ++count;
    if (!FormatField(c, count, t, out)) return SimpleDateFormatError{fmt::format("Illegal pattern character '{}'", c)};
    i += count;
  }
  return out;
}

}  // namespace kafkasim
