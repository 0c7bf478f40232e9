#include "sim/core/time.h"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace kafkasim {
namespace {

struct Unit {
  std::string_view suffix;
  int64_t micros;
};
// Longest suffix first so that "ms" is not read as "m" followed by junk.
constexpr std::array<Unit, 6> kUnits{{
    {"us", 1}, {"ms", 1000}, {"s", 1000'000}, {"min", 60'000'000}, {"m", 60'000'000}, {"h", 3600'000'000}}};
constexpr int64_t kMaxMicros = 366LL * 24 * 3600'000'000;

}  // namespace

std::optional<Duration> ParseDuration(std::string_view text) {
  if (text.empty() || text.size() > 32) return std::nullopt;
  size_t i = 0;
  int64_t whole = 0;
  int64_t frac = 0, frac_scale = 1;
  bool digits = false;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    whole = whole * 10 + (text[i] - '0');
    if (whole > kMaxMicros) return std::nullopt;
    digits = true;
    ++i;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (frac_scale < 1000'000) {
        frac = frac * 10 + (text[i] - '0');
        frac_scale *= 10;
      }
      digits = true;
      ++i;
    }
  }
  if (!digits) return std::nullopt;
  std::string_view suffix = text.substr(i);
  if (suffix.empty()) {
    if (whole == 0 && frac == 0) return Duration();
    return std::nullopt;
  }
  for (const Unit& u : kUnits) {
    if (suffix != u.suffix) continue;
    if (whole > kMaxMicros / u.micros) return std::nullopt;
    int64_t us = whole * u.micros + frac * u.micros / frac_scale;
    if (us > kMaxMicros) return std::nullopt;
    return Duration::Micros(us);
  }
  return std::nullopt;
}

std::string FormatDuration(Duration d) {
  int64_t us = d.micros();
  if (us == 0) return "0s";
  std::string sign = us < 0 ? "-" : "";
  if (us < 0) us = -us;
  if (us < 1000) return fmt::format("{}{}us", sign, us);
  if (us < 1000'000) {
    // 250ms, 1.5ms: milliseconds with only the significant decimals.
    std::string s = fmt::format("{}.{:03d}", us / 1000, us % 1000);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return sign + s + "ms";
  }
  if (us % 60'000'000 == 0) return fmt::format("{}{}m", sign, us / 60'000'000);
  if (us % 1000'000 == 0) return fmt::format("{}{}s", sign, us / 1000'000);
  // Keep the significant decimals only: 1.5s, 2.25s, 1.001s.
  std::string s = fmt::format("{}.{:06d}", us / 1000'000, us % 1000'000);
  while (s.back() == '0') s.pop_back();
  return sign + s + "s";
}

std::string FormatTime(Time t) {
  int64_t us = t.micros();
  return fmt::format("{}.{:03d}s", us / 1000'000, (us % 1000'000) / 1000);
}

}  // namespace kafkasim
