#pragma once
// How zookeeper-shell (ZooKeeperMain, ZooKeeper 3.8) prints results and errors.

#include <string>

#include "sim/zookeeper/zk_types.h"

namespace kafkasim::zk {

// java.util.Date.toString in UTC: "Thu Jan 01 00:00:12 UTC 1970" (the simulation starts at the
// Unix epoch).
std::string JavaDate(int64_t millis_since_epoch);
// StatPrinter: "cZxid = 0x100000002" ... "numChildren = 0", one field a line.
std::string FormatStat(const Stat& stat);
// "[admin, brokers, zookeeper]"
std::string FormatChildren(const std::vector<std::string>& children);
// CliWrapperException's wording: "Node does not exist: /brokers/ids/9".
std::string FormatError(ErrorCode code, const std::string& path);

}  // namespace kafkasim::zk
