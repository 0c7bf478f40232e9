#include "sim/admin/replica_assignment.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <set>
#include <string>

namespace kafkasim {
namespace {

// AdminUtils.replicaIndex: the broker index of replica j + 1 (j >= 0) of a partition.
size_t ReplicaIndex(size_t first_replica_index, int64_t second_replica_shift, size_t j, size_t n) {
  assert(n > 1);
  const int64_t shift =
      1 + (second_replica_shift + static_cast<int64_t>(j)) % static_cast<int64_t>(n - 1);
  return (first_replica_index + static_cast<size_t>(shift)) % n;
}

// Java's List.toString: "[1, 2, 3]".
std::string JavaList(const std::vector<int32_t>& ids) {
  return fmt::format("[{}]", fmt::join(ids, ", "));
}

// java.lang.String.split(regex) with a one-character literal: trailing empty strings are removed
// (a string with no separator gives itself, even if empty).
std::vector<std::string_view> JavaSplit(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t pos = text.find(separator, start);
    if (pos == std::string_view::npos) {
      parts.push_back(text.substr(start));
      break;
    }
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
  if (parts.size() > 1) {
    while (!parts.empty() && parts.back().empty()) parts.pop_back();
  }
  return parts;
}

// String.trim: drops leading and trailing characters <= ' '.
std::string_view JavaTrim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

// Integer.parseInt (radix 10): an optional sign, then at least one ASCII digit, within int range.
std::optional<int32_t> JavaParseInt(std::string_view s) {
  size_t i = 0;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) negative = s[0] == '-', i = 1;
  if (i == s.size()) return std::nullopt;
  int64_t value = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    value = value * 10 + (s[i] - '0');
    if (value > int64_t{INT32_MAX} + 1) return std::nullopt;
  }
  if (negative) value = -value;
  if (value < INT32_MIN || value > INT32_MAX) return std::nullopt;
  return static_cast<int32_t>(value);
}

}  // namespace

AdminResult<ReplicaAssignment> AssignReplicasToBrokers(std::vector<int32_t> brokers,
                                                       int32_t num_partitions,
                                                       int32_t replication_factor, Random& random,
                                                       AssignReplicasOptions options) {
  if (num_partitions <= 0) {
    return MakeAdminError(exceptions::kInvalidPartitions,
                          "Number of partitions must be larger than 0.");
  }
  if (replication_factor <= 0) {
    return MakeAdminError(exceptions::kInvalidReplicationFactor,
                          "Replication factor must be larger than 0.");
  }
  if (static_cast<size_t>(replication_factor) > brokers.size()) {
    return MakeAdminError(exceptions::kInvalidReplicationFactor,
                          fmt::format("Replication factor: {} larger than available brokers: {}.",
                                      replication_factor, brokers.size()));
  }
  std::sort(brokers.begin(), brokers.end());
  assert(std::adjacent_find(brokers.begin(), brokers.end()) == brokers.end() &&
         "broker ids are unique");
  const size_t n = brokers.size();
  // Two independent draws, start index first, as Kafka makes them.
  const bool fixed = options.fixed_start_index >= 0;
  const size_t start_index =
      fixed ? static_cast<size_t>(options.fixed_start_index) : random.Below(n);
  int64_t next_replica_shift =
      fixed ? options.fixed_start_index : static_cast<int64_t>(random.Below(n));
  int32_t partition = std::max(0, options.start_partition_id);

  ReplicaAssignment assignment;
  for (int32_t i = 0; i < num_partitions; ++i, ++partition) {
    if (partition > 0 && static_cast<size_t>(partition) % n == 0) next_replica_shift += 1;
    const size_t first = (static_cast<size_t>(partition) + start_index) % n;
    std::vector<int32_t> replicas{brokers[first]};
    for (int32_t j = 0; j < replication_factor - 1; ++j) {
      replicas.push_back(
          brokers[ReplicaIndex(first, next_replica_shift, static_cast<size_t>(j), n)]);
    }
    assert(std::set<int32_t>(replicas.begin(), replicas.end()).size() == replicas.size());
    assignment.emplace(partition, std::move(replicas));
  }
  return assignment;
}

namespace {

// AdminZkClient.validateReplicaAssignment for explicitly given new partitions.
std::optional<AdminError> ValidateNewReplicas(const ReplicaAssignment& proposed, size_t expected_rf,
                                              const std::vector<int32_t>& available) {
  for (const auto& [partition, replicas] : proposed) {
    if (replicas.empty()) {
      return MakeAdminError(
          exceptions::kInvalidReplicaAssignment,
          fmt::format("Cannot have replication factor of 0 for partition id {}.", partition));
    }
    if (std::set<int32_t>(replicas.begin(), replicas.end()).size() != replicas.size()) {
      return MakeAdminError(
          exceptions::kInvalidReplicaAssignment,
          fmt::format(
              "Duplicate brokers not allowed in replica assignment: {} for partition id {}.",
              fmt::join(replicas, ", "), partition));
    }
    for (int32_t b : replicas) {
      if (!std::binary_search(available.begin(), available.end(), b)) {
        return MakeAdminError(
            exceptions::kBrokerNotAvailable,
            fmt::format("Some brokers specified for partition id {} are not available. "
                        "Specified brokers: {}, available brokers: {}.",
                        partition, fmt::join(replicas, ", "), fmt::join(available, ", ")));
      }
    }
  }
  std::vector<int32_t> bad_partitions, bad_factors;
  for (const auto& [partition, replicas] : proposed) {
    if (replicas.size() != expected_rf) {
      bad_partitions.push_back(partition);
      bad_factors.push_back(static_cast<int32_t>(replicas.size()));
    }
  }
  if (!bad_partitions.empty()) {
    return MakeAdminError(
        exceptions::kInvalidReplicaAssignment,
        fmt::format("Inconsistent replication factor between partitions, partition 0 has {} "
                    "while partitions [{}] have replication factors [{}], respectively.",
                    expected_rf, fmt::join(bad_partitions, ", "), fmt::join(bad_factors, ", ")));
  }
  return std::nullopt;
}

}  // namespace

AdminResult<ReplicaAssignment> AssignNewPartitions(
    std::string_view topic, const ReplicaAssignment& existing, std::vector<int32_t> all_brokers,
    int32_t new_partition_count, const std::optional<std::vector<std::vector<int32_t>>>& manual,
    Random& random) {
  std::sort(all_brokers.begin(), all_brokers.end());
  if (existing.empty()) {
    return MakeAdminError(exceptions::kUnknownTopicOrPartition,
                          fmt::format("The topic '{}' does not exist.", topic));
  }
  const auto old_count = static_cast<int32_t>(existing.size());
  const int32_t increment = new_partition_count - old_count;
  if (increment < 0) {
    return MakeAdminError(
        exceptions::kInvalidPartitions,
        fmt::format("Topic currently has {} partitions, which is higher than the requested {}.",
                    old_count, new_partition_count));
  }
  if (increment == 0) {
    return MakeAdminError(exceptions::kInvalidPartitions,
                          fmt::format("Topic already has {} partitions.", old_count));
  }
  auto zero = existing.find(0);
  assert(zero != existing.end() && !zero->second.empty() && "partition 0 always exists");
  const std::vector<int32_t>& partition0 = zero->second;

  if (manual) {
    // ZkAdminManager.createPartitions checks these before handing over to AdminZkClient.
    std::vector<int32_t> unknown;
    for (const auto& replicas : *manual) {
      for (int32_t b : replicas) {
        if (!std::binary_search(all_brokers.begin(), all_brokers.end(), b) &&
            std::find(unknown.begin(), unknown.end(), b) == unknown.end()) {
          unknown.push_back(b);
        }
      }
    }
    if (!unknown.empty()) {
      return MakeAdminError(
          exceptions::kInvalidReplicaAssignment,
          fmt::format("Unknown broker(s) in replica assignment: {}.", fmt::join(unknown, ", ")));
    }
    if (manual->size() != static_cast<size_t>(increment)) {
      return MakeAdminError(
          exceptions::kInvalidReplicaAssignment,
          fmt::format("Increasing the number of partitions by {} but {} assignments provided.",
                      increment, manual->size()));
    }
    ReplicaAssignment proposed;
    for (size_t i = 0; i < manual->size(); ++i)
      proposed.emplace(old_count + static_cast<int32_t>(i), (*manual)[i]);
    if (auto error = ValidateNewReplicas(proposed, partition0.size(), all_brokers)) return *error;
    return proposed;
  }

  const auto at = std::find_if(all_brokers.begin(), all_brokers.end(),
                               [&](int32_t id) { return id >= partition0.front(); });
  const int32_t start_index =
      at == all_brokers.end() ? 0 : static_cast<int32_t>(at - all_brokers.begin());
  return AssignReplicasToBrokers(
      all_brokers, increment, static_cast<int32_t>(partition0.size()), random,
      {.fixed_start_index = start_index, .start_partition_id = old_count});
}

AdminResult<ReplicaAssignment> ParseReplicaAssignment(std::string_view text) {
  ReplicaAssignment assignment;
  const std::vector<std::string_view> partitions = JavaSplit(text, ',');
  for (size_t i = 0; i < partitions.size(); ++i) {
    std::vector<int32_t> brokers;
    for (std::string_view field : JavaSplit(partitions[i], ':')) {
      const std::string_view trimmed = JavaTrim(field);
      const std::optional<int32_t> id = JavaParseInt(trimmed);
      if (!id)
        return MakeAdminError(exceptions::kNumberFormat,
                              fmt::format("For input string: \"{}\"", trimmed));
      brokers.push_back(*id);
    }
    // ToolsUtils.duplicates collects into a HashSet<Integer>, which iterates small ids ascending.
    std::set<int32_t> seen, duplicates;
    for (int32_t b : brokers) {
      if (!seen.insert(b).second) duplicates.insert(b);
    }
    if (!duplicates.empty()) {
      return MakeAdminError(
          exceptions::kAdminCommandFailed,
          fmt::format("Partition replica lists may not contain duplicate entries: {}",
                      fmt::join(duplicates, ",")));
    }
    const auto partition = static_cast<int32_t>(i);
    if (i > 0 && brokers.size() != assignment.at(0).size()) {
      return MakeAdminError(exceptions::kAdminOperation,
                            fmt::format("Partition {} has different replication factor: {}",
                                        partition, JavaList(brokers)));
    }
    assignment.emplace(partition, std::move(brokers));
  }
  return assignment;
}

std::vector<std::vector<int32_t>> NewPartitionReplicas(const ReplicaAssignment& full,
                                                       int32_t existing_partitions) {
  std::vector<std::vector<int32_t>> added;
  for (const auto& [partition, replicas] : full) {
    if (partition >= existing_partitions) added.push_back(replicas);
  }
  return added;
}

std::optional<AdminError> ValidateCreateArguments(std::optional<int32_t> partitions,
                                                  std::optional<int32_t> replication_factor) {
  if (replication_factor && (*replication_factor > INT16_MAX || *replication_factor < 1)) {
    return MakeAdminError(
        exceptions::kIllegalArgument,
        fmt::format("The replication factor must be between 1 and {} inclusive", INT16_MAX));
  }
  if (partitions && *partitions < 1) {
    return MakeAdminError(exceptions::kIllegalArgument, "The partitions must be greater than 0");
  }
  return std::nullopt;
}

}  // namespace kafkasim
