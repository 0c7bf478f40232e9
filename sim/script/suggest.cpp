#include "sim/script/suggest.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>

namespace kafkasim {

int EditDistance(std::string_view a, std::string_view b) {
  // Three rolling rows of the classic table: the row two back is what a swap of two adjacent
  // bytes reads. Memory is linear in |b|, time is |a|*|b|; callers bound both (NearestName skips
  // candidates whose length alone rules them out).
  const size_t n = b.size();
  std::vector<int> before_previous(n + 1), previous(n + 1), current(n + 1);
  for (size_t j = 0; j <= n; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= n; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before_previous[j - 2] + 1);
      }
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return previous[n];
}

std::optional<std::string> NearestName(std::string_view word,
                                       const std::vector<std::string>& candidates) {
  const int allowed = std::max(1, static_cast<int>(word.size() / 3));
  const std::string* best = nullptr;
  int best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length: skip the table when that is too much.
    const long length_gap =
        std::labs(static_cast<long>(candidate.size()) - static_cast<long>(word.size()));
    if (length_gap >= best_distance) continue;
    const int distance = EditDistance(word, candidate);
    // Replacing every byte of a name is not a typo of it ("x" is not a misspelt "h").
    const size_t longer = std::max(word.size(), candidate.size());
    if (static_cast<size_t>(distance) >= longer) continue;
    if (distance < best_distance) {  // strictly less: the first of equals stays
      best = &candidate;
      best_distance = distance;
    }
  }
  assert(best == nullptr || best_distance <= allowed);
  if (best == nullptr) return std::nullopt;
  return *best;
}

}  // namespace kafkasim
