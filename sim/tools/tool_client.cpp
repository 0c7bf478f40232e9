#include "sim/tools/tool_client.h"

#include <fmt/format.h>

#include "sim/script/session.h"

namespace kafkasim {

std::string FreeToolNodeName(Session& session, std::string_view prefix) {
  for (int i = 1;; ++i) {
    std::string name = fmt::format("{}-{}", prefix, i);
    if (session.FindNode(name) == nullptr) return name;
  }
}

}  // namespace kafkasim
