#pragma once
// "Did you mean ...?" for the names a teacher types: commands, flags, header keys, units.
// A suggestion is only worth making when it is almost certainly what was meant, so the distance
// allowed grows slowly with the length of the word, and a word so short that any other short
// name is "near" gets no suggestion at all.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim {

// The optimal string alignment distance (Damerau-Levenshtein without repeated edits of one
// substring): the fewest insertions, deletions, substitutions and swaps of two adjacent bytes
// that turn `a` into `b`. Byte-wise and case-sensitive.
int EditDistance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if one is near enough: within a third of the word's length
// (at least 1) and not a rewrite of the whole of either name. Ties go to the smaller distance,
// then to the candidate listed first, so the answer never depends on anything but the inputs.
std::optional<std::string> NearestName(std::string_view word,
                                       const std::vector<std::string>& candidates);

}  // namespace kafkasim
