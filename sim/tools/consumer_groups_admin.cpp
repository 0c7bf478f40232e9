#include "sim/tools/consumer_groups_admin.h"

#include <algorithm>
#include <set>

#include "sim/client/admin_client.h"
#include "sim/protocol/data_requests.h"
#include "sim/storage/log_types.h"
#include "sim/tools/admin_tool.h"

namespace kafkasim {

ConsumerGroupsAdmin::ConsumerGroupsAdmin(Simulation& sim, NodeId node, Duration timeout, Fail fail)
    : sim_(sim), node_(node), timeout_(timeout), fail_(std::move(fail)) {}

AdminClient& ConsumerGroupsAdmin::client() { return AdminClientOf(sim_, node_); }

void ConsumerGroupsAdmin::ListGroups(std::vector<std::string> states,
                                     std::function<void(std::vector<ListedGroup>)> done) {
  // The first broker answers first; the call's metadata names the others, asked in turn.
  auto brokers = std::make_shared<std::vector<BrokerId>>();
  auto out = std::make_shared<std::vector<ListedGroup>>();
  client().Call("listConsumerGroups", AdminClient::Target::kAnyBroker,
                [states] {
                  auto r = std::make_unique<ListGroupsRequest>();
                  r->states_filter = states;
                  return r;
                },
                [this, brokers, states, out, done](const Envelope* e, const std::string& error) {
                  if (e == nullptr) return fail_(error);
                  for (const BrokerMetadata& b : client().metadata()->brokers) brokers->push_back(b.id);
                  Collect(*e, *out);
                  ListNext(brokers, 1, states, out, done);
                });
}

void ConsumerGroupsAdmin::Collect(const Envelope& e, std::vector<ListedGroup>& out) {
  for (const ListedGroup& g : e.As<ListGroupsResponse>()->groups) {
    if (g.protocol_type == "consumer" || g.protocol_type.empty()) out.push_back(g);
  }
}

void ConsumerGroupsAdmin::ListNext(std::shared_ptr<std::vector<BrokerId>> brokers, size_t i,
                                   std::vector<std::string> states, std::shared_ptr<std::vector<ListedGroup>> out,
                                   std::function<void(std::vector<ListedGroup>)> done) {
  if (i >= brokers->size()) return done(*out);
  client().CallBroker("listConsumerGroups", (*brokers)[i],
                      [states] {
                        auto r = std::make_unique<ListGroupsRequest>();
                        r->states_filter = states;
                        return r;
                      },
                      [this, brokers, i, states, out, done](const Envelope* e, const std::string& error) {
                        if (e == nullptr) return fail_(error);
                        Collect(*e, *out);
                        ListNext(brokers, i + 1, states, out, done);
                      });
}

void ConsumerGroupsAdmin::FindCoordinator(const std::string& group, std::function<void(GroupCoordinatorNode)> done) {
  FindCoordinatorUntil(group, sim_.now() + timeout_, std::move(done));
}

void ConsumerGroupsAdmin::FindCoordinatorUntil(const std::string& group, Time deadline,
                                               std::function<void(GroupCoordinatorNode)> done) {
  client().Call("findCoordinator", AdminClient::Target::kAnyBroker,
                [group] {
                  auto r = std::make_unique<FindCoordinatorRequest>();
                  r->key = group;
                  return r;
                },
                [this, group, deadline, done](const Envelope* e, const std::string& error) {
                  if (e == nullptr) return fail_(error);
                  const auto& r = *e->As<FindCoordinatorResponse>();
                  if (r.error == ErrorCode::kNone) return done(GroupCoordinatorNode{r.node_id, r.host, r.port});
                  // COORDINATOR_NOT_AVAILABLE is retriable: the admin client retries after
                  // retry.backoff.ms until the call's timeout.
                  if (sim_.now() >= deadline) {
                    return fail_("Timed out waiting for a node assignment. Call: findCoordinator");
                  }
                  sim_.Schedule(Duration::Millis(100), node_,
                                [this, group, deadline, done] { FindCoordinatorUntil(group, deadline, done); });
                });
}

void ConsumerGroupsAdmin::DescribeGroup(const std::string& group, BrokerId coordinator,
                                        std::function<void(DescribedGroup)> done) {
  client().CallBroker("describeConsumerGroups", coordinator,
                      [group] {
                        auto r = std::make_unique<DescribeGroupsRequest>();
                        r->groups = {group};
                        return r;
                      },
                      [this, done](const Envelope* e, const std::string& error) {
                        if (e == nullptr) return fail_(error);
                        done(e->As<DescribeGroupsResponse>()->groups.at(0));
                      });
}

void ConsumerGroupsAdmin::FetchCommitted(const std::string& group, BrokerId coordinator,
                                         std::function<void(std::map<TopicPartition, int64_t>)> done) {
  client().CallBroker("listConsumerGroupOffsets", coordinator,
                      [group] {
                        auto r = std::make_unique<OffsetFetchRequest>();
                        r->group_id = group;
                        return r;
                      },
                      [this, done](const Envelope* e, const std::string& error) {
                        if (e == nullptr) return fail_(error);
                        std::map<TopicPartition, int64_t> committed;
                        for (const auto& [tp, p] : e->As<OffsetFetchResponse>()->partitions) {
                          if (p.error == ErrorCode::kNone && p.offset >= 0) committed[tp] = p.offset;
                        }
                        done(std::move(committed));
                      });
}

void ConsumerGroupsAdmin::DescribeTopics(std::vector<std::string> topics,
                                         std::function<void(std::map<std::string, TopicPartitions>)> done) {
  client().Call("describeTopics", AdminClient::Target::kAnyBroker,
                [topics] {
                  auto r = std::make_unique<MetadataRequest>();
                  r->topics = topics;
                  return r;
                },
                [this, done](const Envelope* e, const std::string& error) {
                  if (e == nullptr) return fail_(error);
                  std::map<std::string, TopicPartitions> out;
                  for (const TopicMetadata& t : e->As<MetadataResponse>()->topics) {
                    TopicPartitions& p = out[t.name];
                    p.error = t.error;
                    for (const PartitionMetadata& pm : t.partitions) p.partitions.push_back(pm.partition);
                    std::sort(p.partitions.begin(), p.partitions.end());
                  }
                  done(std::move(out));
                });
}

void ConsumerGroupsAdmin::ListOffsets(std::map<TopicPartition, int64_t> specs,
                                      std::function<void(std::map<TopicPartition, int64_t>)> done) {
  if (specs.empty()) return done({});
  std::set<std::string> topics;
  for (const auto& [tp, spec] : specs) topics.insert(tp.topic);
  client().Call("listOffsets", AdminClient::Target::kAnyBroker,
                [topics] {
                  auto r = std::make_unique<MetadataRequest>();
                  r->topics = std::vector<std::string>(topics.begin(), topics.end());
                  return r;
                },
                [this, specs, done](const Envelope* e, const std::string& error) {
                  if (e == nullptr) return fail_(error);
                  auto by_leader = std::make_shared<std::map<BrokerId, std::map<TopicPartition, int64_t>>>();
                  for (const TopicMetadata& t : e->As<MetadataResponse>()->topics) {
                    for (const PartitionMetadata& p : t.partitions) {
                      auto it = specs.find(TopicPartition{t.name, p.partition});
                      if (it != specs.end() && p.leader != kNoLeader) (*by_leader)[p.leader][it->first] = it->second;
                    }
                  }
                  ListOffsetsAt(by_leader, std::make_shared<std::map<TopicPartition, int64_t>>(), done);
                });
}

void ConsumerGroupsAdmin::ListOffsetsAt(std::shared_ptr<std::map<BrokerId, std::map<TopicPartition, int64_t>>> by_leader,
                                        std::shared_ptr<std::map<TopicPartition, int64_t>> out,
                                        std::function<void(std::map<TopicPartition, int64_t>)> done) {
  if (by_leader->empty()) return done(*out);
  const auto [leader, specs] = *by_leader->begin();
  by_leader->erase(by_leader->begin());
  client().CallBroker("listOffsets", leader,
                      [specs] {
                        auto r = std::make_unique<ListOffsetsRequest>();
                        r->timestamps = specs;
                        return r;
                      },
                      [this, by_leader, out, done](const Envelope* e, const std::string& error) {
                        if (e == nullptr) return fail_(error);
                        for (const auto& [tp, p] : e->As<ListOffsetsResponse>()->partitions) {
                          if (p.error == ErrorCode::kNone) (*out)[tp] = p.offset.value();
                        }
                        ListOffsetsAt(by_leader, out, done);
                      });
}

void ConsumerGroupsAdmin::CommitOffsets(const std::string& group, BrokerId coordinator,
                                        std::map<TopicPartition, int64_t> offsets,
                                        std::function<void(std::map<TopicPartition, ErrorCode>)> done) {
  client().CallBroker("alterConsumerGroupOffsets", coordinator,
                      [group, offsets] {
                        auto r = std::make_unique<OffsetCommitRequest>();
                        r->group_id = group;
                        for (const auto& [tp, o] : offsets) r->offsets[tp] = OffsetCommitPartition{.offset = o};
                        return r;
                      },
                      [this, done](const Envelope* e, const std::string& error) {
                        if (e == nullptr) return fail_(error);
                        done(e->As<OffsetCommitResponse>()->partitions);
                      });
}

void ConsumerGroupsAdmin::DeleteOffsets(const std::string& group, BrokerId coordinator,
                                        std::vector<TopicPartition> partitions,
                                        std::function<void(ErrorCode, std::map<TopicPartition, ErrorCode>)> done) {
  client().CallBroker("deleteConsumerGroupOffsets", coordinator,
                      [group, partitions] {
                        auto r = std::make_unique<OffsetDeleteRequest>();
                        r->group_id = group;
                        r->partitions = partitions;
                        return r;
                      },
                      [this, done](const Envelope* e, const std::string& error) {
                        if (e == nullptr) return fail_(error);
                        const auto& r = *e->As<OffsetDeleteResponse>();
                        done(r.error, r.partitions);
                      });
}

void ConsumerGroupsAdmin::DeleteGroup(const std::string& group, BrokerId coordinator,
                                      std::function<void(ErrorCode)> done) {
  client().CallBroker("deleteConsumerGroups", coordinator,
                      [group] {
                        auto r = std::make_unique<DeleteGroupsRequest>();
                        r->groups = {group};
                        return r;
                      },
                      [this, group, done](const Envelope* e, const std::string& error) {
                        if (e == nullptr) return fail_(error);
                        done(e->As<DeleteGroupsResponse>()->results.at(group));
                      });
}

}  // namespace kafkasim
