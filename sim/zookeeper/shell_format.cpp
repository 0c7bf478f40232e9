#include "sim/zookeeper/shell_format.h"

#include <fmt/format.h>

namespace kafkasim::zk {

std::string JavaDate(int64_t millis) {
  static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int64_t seconds = millis / 1000;
  const int64_t days = seconds / 86400;
  const int64_t rest = seconds % 86400;
  // Howard Hinnant's civil_from_days.
  const int64_t z = days + 719468;
  const int64_t era = z / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2);
  return fmt::format("{} {} {:02d} {:02d}:{:02d}:{:02d} UTC {}", kDays[days % 7], kMonths[month - 1], day,
                     rest / 3600, rest % 3600 / 60, rest % 60, year);
}

std::string FormatStat(const Stat& s) {
  return fmt::format(
      "cZxid = {}\nctime = {}\nmZxid = {}\nmtime = {}\npZxid = {}\ncversion = {}\ndataVersion = {}\n"
      "aclVersion = {}\nephemeralOwner = {}\ndataLength = {}\nnumChildren = {}\n",
      Hex(s.czxid), JavaDate(s.ctime), Hex(s.mzxid), JavaDate(s.mtime), Hex(s.pzxid), s.cversion, s.version,
      s.aversion, Hex(s.ephemeral_owner), s.data_length, s.num_children);
}

std::string FormatChildren(const std::vector<std::string>& children) {
  return fmt::format("[{}]", fmt::join(children, ", "));
}

std::string FormatError(ErrorCode code, const std::string& path) {
  switch (code) {
    case ErrorCode::kNoNode: return "Node does not exist: " + path;
    case ErrorCode::kNodeExists: return "Node already exists: " + path;
    case ErrorCode::kNotEmpty: return "Node not empty: " + path;
    case ErrorCode::kBadVersion: return "version No is not valid : " + path;
    case ErrorCode::kNoChildrenForEphemerals: return "Ephemerals cannot have children: " + path;
    default: return fmt::format("KeeperErrorCode = {} for {}", ToString(code), path);
  }
}

}  // namespace kafkasim::zk
