#pragma once
// Simulated time. `Time` is an instant since the simulation started, `Duration` a span between
// two instants; both count integer microseconds so that arithmetic is exact and reproducible.
// Nothing in the simulator reads the wall clock: time moves only when the event queue says so.

#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace kafkasim {

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration Micros(int64_t us) { return Duration(us); }
  static constexpr Duration Millis(int64_t ms) { return Duration(ms * 1000); }
  static constexpr Duration Seconds(int64_t s) { return Duration(s * 1000'000); }
  static constexpr Duration Max() { return Duration(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t micros() const { return us_; }
  constexpr int64_t millis() const { return us_ / 1000; }
  constexpr double seconds() const { return static_cast<double>(us_) / 1e6; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(us_ + o.us_); }
  constexpr Duration operator-(Duration o) const { return Duration(us_ - o.us_); }
  constexpr Duration operator*(int64_t k) const { return Duration(us_ * k); }
  constexpr Duration operator/(int64_t k) const { return Duration(us_ / k); }
  constexpr Duration& operator+=(Duration o) { us_ += o.us_; return *this; }

 private:
  constexpr explicit Duration(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

class Time {
 public:
  constexpr Time() = default;
  static constexpr Time FromMicros(int64_t us) { return Time(us); }
  static constexpr Time Zero() { return Time(0); }
  static constexpr Time Max() { return Time(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t micros() const { return us_; }
  constexpr int64_t millis() const { return us_ / 1000; }

  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return Time(us_ + d.micros()); }
  constexpr Time operator-(Duration d) const { return Time(us_ - d.micros()); }
  constexpr Duration operator-(Time o) const { return Duration::Micros(us_ - o.us_); }
  constexpr Time& operator+=(Duration d) { us_ += d.micros(); return *this; }

 private:
  constexpr explicit Time(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

// Parses "250ms", "1.5s", "2m", "90us", "1h", "0". A bare number without a unit is only accepted
// when it is zero, so that "sleep 5" is an error rather than five microseconds. Durations over
// a year of simulated time are refused: they are typos, and they would overflow arithmetic.
std::optional<Duration> ParseDuration(std::string_view text);

// "0s", "250ms", "1.5s", "2m30s": the shortest exact form a teacher would write.
std::string FormatDuration(Duration d);
// Instants print as the duration since the start with fixed millisecond precision ("12.345s"),
// so that narrated timelines line up.
std::string FormatTime(Time t);

namespace time_literals {
constexpr Duration operator""_us(unsigned long long v) { return Duration::Micros(static_cast<int64_t>(v)); }
constexpr Duration operator""_ms(unsigned long long v) { return Duration::Millis(static_cast<int64_t>(v)); }
constexpr Duration operator""_s(unsigned long long v) { return Duration::Seconds(static_cast<int64_t>(v)); }
constexpr Duration operator""_min(unsigned long long v) { return Duration::Seconds(60 * static_cast<int64_t>(v)); }
}  // namespace time_literals

}  // namespace kafkasim
