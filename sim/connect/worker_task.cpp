#include "sim/connect/worker_task.h"

namespace kafkasim {

void WorkerTask::StopNode(NodeId node, bool crash) {
  if (node == kNoNode || !context_.sim.node(node).running()) return;
  if (crash) {
    context_.sim.Crash(node);
  } else {
    context_.sim.Stop(node);
  }
}

NodeId WorkerTask::StartNode(const std::string& name, const std::string& kind, const std::shared_ptr<NodeId>& self,
                             ProcessFactory factory) {
  Simulation& sim = context_.sim;
  if (Node* existing = sim.FindNode(name)) {
    // The same client.id as before: the node of the task's earlier incarnation, started anew.
    // Its factory is the first one's, which builds the same client: a task's client config
    // depends only on the worker's settings and the client.id.
    if (existing->running()) sim.Stop(existing->id());
    sim.Restart(existing->id());
    return existing->id();
  }
  const NodeId node = sim.AddNode(name, kind, std::move(factory));
  *self = node;
  sim.Start(node);
  return node;
}

}  // namespace kafkasim
