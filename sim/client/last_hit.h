#pragma once
// The entry a lookup by topic name found last. A producer asks about the topic of the record
// before for record after record, so comparing the name with the last hit's costs less than
// walking the map again. Only for maps that never erase, whose entries stay where they are. A copy
// starts empty, so that it never points into the map of the object it was copied from.

#include <string_view>

namespace kafkasim {

// Whether two topic names are equal, compared inline: names are short, and this runs several
// times a record, where a call to memcmp costs more than the comparison itself.
inline bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

template <typename Entry>  // a map's value_type: a pair whose `first` is the name
class LastHit {
 public:
  LastHit() = default;
  LastHit(const LastHit&) {}
  LastHit& operator=(const LastHit&) {
    entry_ = nullptr;
    return *this;
  }

  // The entry remembered, if its name is `name`.
  Entry* Find(std::string_view name) const {
    return entry_ != nullptr && SameName(entry_->first, name) ? entry_ : nullptr;
  }
  void Remember(Entry& entry) { entry_ = &entry; }

 private:
  Entry* entry_ = nullptr;
};

}  // namespace kafkasim
