#pragma once
// Storage for the timeline's text, built so that a million events fit in memory and every
// string_view handed out stays valid for the life of the store (nothing is ever moved):
//  - TextArena: append-only bytes in large chunks, for text that is mostly unique (narration,
//    fields JSON);
//  - StringTable: each distinct string once, named by a dense id, for text that repeats on
//    nearly every event (kinds, node names, rules). Id 0 is the empty string.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kafkasim {

class TextArena {
 public:
  // Copies the two texts next to each other and returns where the first one starts (nullptr
  // when both are empty).
  const char* Append(std::string_view first, std::string_view second);
  size_t MemoryBytes() const { return allocated_; }

 private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t used_ = 0;       // in the last chunk
  size_t available_ = 0;  // left in the last chunk
  size_t allocated_ = 0;
};

class StringTable {
 public:
  StringTable();
  uint32_t Intern(std::string_view text);
  std::string_view Get(uint32_t id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }
  size_t MemoryBytes() const;

 private:
  std::deque<std::string> strings_;  // a deque never moves its elements, so views stay valid
  // Only looked up, never iterated: ids follow first appearance, which is deterministic.
  std::unordered_map<std::string_view, uint32_t> ids_;
};

}  // namespace kafkasim
