#include "sim/connect/worker_task.h"

namespace kafkasim {

void StopClientNode(Simulation& sim, NodeId node, bool crash) {
  if (node == kNoNode || !sim.node(node).running()) return;
  if (crash) {
    sim.Crash(node);
  } else {
    sim.Stop(node);
  }
}

NodeId StartClientNode(Simulation& sim, const std::string& name, const std::string& kind,
                       const std::shared_ptr<NodeId>& self, ProcessFactory factory) {
  if (Node* existing = sim.FindNode(name)) {
    // The same name as before: the node of the client's earlier incarnation, started anew.
    // Its factory is the first one's, which builds the same client: a client's config depends
    // only on the worker's settings and the client.id.
    if (existing->running()) sim.Stop(existing->id());
    sim.Restart(existing->id());
    return existing->id();
  }
  const NodeId node = sim.AddNode(name, kind, std::move(factory));
  *self = node;
  sim.Start(node);
  return node;
}

void WorkerTask::StopNode(NodeId node, bool crash) { StopClientNode(context_.sim, node, crash); }

NodeId WorkerTask::StartNode(const std::string& name, const std::string& kind, const std::shared_ptr<NodeId>& self,
                             ProcessFactory factory) {
  return StartClientNode(context_.sim, name, kind, self, std::move(factory));
}

}  // namespace kafkasim
