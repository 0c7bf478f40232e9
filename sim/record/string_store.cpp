#include "sim/record/string_store.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>

namespace kafkasim {
namespace {

// Large enough that the chunk list stays short, small enough that the tail wasted by a run
// that ends early does not matter.
constexpr size_t kChunkBytes = 1 << 20;

}  // namespace

const char* TextArena::Append(std::string_view first, std::string_view second) {
  const size_t size = first.size() + second.size();
  if (size == 0) return nullptr;  // a view of length 0 needs no storage
  if (size > available_) {
    // Text larger than a chunk gets a chunk of its own.
    const size_t chunk = std::max(kChunkBytes, size);
    chunks_.push_back(std::make_unique<char[]>(chunk));
    allocated_ += chunk;
    used_ = 0;
    available_ = chunk;
  }
  char* start = chunks_.back().get() + used_;
  // memcpy from an empty view's data() may be memcpy(_, nullptr, 0), which is undefined.
  if (!first.empty()) std::memcpy(start, first.data(), first.size());
  if (!second.empty()) std::memcpy(start + first.size(), second.data(), second.size());
  used_ += size;
  available_ -= size;
  return start;
}

StringTable::StringTable() { Intern(""); }

uint32_t StringTable::Intern(std::string_view text) {
  if (auto it = ids_.find(text); it != ids_.end()) return it->second;
  assert(strings_.size() < std::numeric_limits<uint32_t>::max() && "ids are 32-bit");
  const auto id = static_cast<uint32_t>(strings_.size());
  const std::string& stored = strings_.emplace_back(text);
  ids_.emplace(std::string_view(stored), id);
  return id;
}

size_t StringTable::MemoryBytes() const {
  // Estimate: the strings' own storage plus about one hash node and bucket per entry.
  size_t bytes = 0;
  for (const std::string& s : strings_) bytes += sizeof(std::string) + s.capacity() + 1;
  return bytes + ids_.size() * (sizeof(std::string_view) + 2 * sizeof(void*) + 8) +
         ids_.bucket_count() * sizeof(void*);
}

}  // namespace kafkasim
