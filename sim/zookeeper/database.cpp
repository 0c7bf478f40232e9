#include "sim/zookeeper/database.h"

#include <cassert>

namespace kafkasim::zk {

TxnOutcome ZkDatabase::Apply(const Txn& txn) {
  assert(txn.zxid > last_zxid_ && "transactions are applied once each, in zxid order");
  last_zxid_ = txn.zxid;
  const TxnContext ctx{.zxid = txn.zxid, .time_ms = txn.time_ms, .session = txn.session};
  TxnOutcome out;
  if (const auto* create = std::get_if<CreateSessionTxn>(&txn.body)) {
    sessions_[create->session] = SessionInfo{.timeout = create->timeout, .owner = create->owner};
    return out;
  }
  const Op& op = std::get<Op>(txn.body);
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, CreateOp>) {
          out.result = tree_.Create(o, ctx, out.changes);
        } else if constexpr (std::is_same_v<T, DeleteOp>) {
          out.result = tree_.Delete(o, ctx, out.changes);
        } else if constexpr (std::is_same_v<T, SetDataOp>) {
          out.result = tree_.SetData(o, ctx, out.changes);
        } else if constexpr (std::is_same_v<T, MultiOp>) {
          out.result = tree_.Multi(o, ctx, out.changes);
        } else if constexpr (std::is_same_v<T, CloseSessionOp>) {
          // A session that is already gone (closed twice, or expired while the close was on
          // its way) closes as a no-op, as in ZooKeeper.
          if (sessions_.erase(txn.session) > 0) {
            out.deleted_ephemerals = tree_.DeleteEphemerals(txn.session, ctx, out.changes);
          }
        } else {
          assert(false && "reads are not transactions");
        }
      },
      op);
  return out;
}

}  // namespace kafkasim::zk
