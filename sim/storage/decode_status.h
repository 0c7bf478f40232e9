#pragma once
// The outcome of decoding bytes that came from outside the decoder: a producer, a follower's fetch
// or a log segment. Corrupt or incomplete input is an operating error, so it is a value the caller
// shows or acts on (Kafka answers CORRUPT_MESSAGE, a follower truncates), never an exception and
// never a crash. The message says what was wrong and where, in words a student can follow:
//   "batch at position 0: record 3: key length 70000 exceeds the 12 remaining bytes".

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace kafkasim {

class [[nodiscard]] DecodeStatus {
 public:
  enum class Code {
    kOk,
    // The bytes end before the batch does. Not corruption at the end of a fetch response, which
    // Kafka cuts at fetch.max.bytes wherever that falls (ByteBufferLogInputStream skips the tail).
    kIncomplete,
    // The bytes can never form a valid batch, however many more arrive.
    kCorrupt,
  };

  static DecodeStatus Ok() { return DecodeStatus(Code::kOk, {}); }
  static DecodeStatus Incomplete(std::string message) {
    return DecodeStatus(Code::kIncomplete, std::move(message));
  }
  static DecodeStatus Corrupt(std::string message) {
    return DecodeStatus(Code::kCorrupt, std::move(message));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  DecodeStatus(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_;
  std::string message_;  // empty when ok
};

// A decoded value or the reason there is none, in the spirit of std::expected (C++23).
template <typename T>
class [[nodiscard]] DecodeResult {
 public:
  DecodeResult(T value) : value_(std::move(value)), status_(DecodeStatus::Ok()) {}
  DecodeResult(DecodeStatus status) : status_(std::move(status)) {
    assert(!status_.ok() && "a failed DecodeResult needs a reason");
  }

  bool ok() const { return value_.has_value(); }
  const DecodeStatus& status() const { return status_; }

  const T& value() const& {
    assert(ok() && "value() of a failed DecodeResult");
    return *value_;
  }
  T&& value() && {
    assert(ok() && "value() of a failed DecodeResult");
    return std::move(*value_);
  }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

 private:
  std::optional<T> value_;
  DecodeStatus status_;
};

}  // namespace kafkasim
