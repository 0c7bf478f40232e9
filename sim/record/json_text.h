#pragma once
// How the recorders turn JSON into text, in one place so that the JSON Lines file, the SQLite
// `fields` column and the timeline agree byte for byte.

#include <nlohmann/json.hpp>
#include <string>

namespace kafkasim {

// Compact, with non-ASCII kept as UTF-8 so that "×100" stays readable. Text that is not valid
// UTF-8 (a command's raw output may hold any bytes) gets U+FFFD in place of the bad bytes: a
// trace should never fail a run over one odd character.
inline std::string DumpJson(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace kafkasim
