#pragma once
// The server's periodic audit checkpoints: every `interval`, a thread verifies the log's records that are
// new since its previous checkpoint and writes a signed checkpoint of the head to the application log
// ("audit.checkpoint", the checkpoint file's object as "checkpoint"), so an operator who ships the log
// elsewhere has a series of checkpoints without running anything. One is published at start. A log that
// does not verify is logged as "audit.checkpoint_refused" (and audit.verify_failed) instead; the next
// try verifies the whole log again. Stops (and joins) when destroyed.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "core/audit/audit_log.hpp"

namespace kiorex::audit {

class CheckpointPublisher {
 public:
  // interval 0 = publish nothing (no thread).
  CheckpointPublisher(const AuditLog& audit, db::Database& db, std::chrono::seconds interval);
  ~CheckpointPublisher();
  CheckpointPublisher(const CheckpointPublisher&) = delete;
  CheckpointPublisher& operator=(const CheckpointPublisher&) = delete;

  // Verifies and logs one checkpoint now (what the thread does each interval); nullopt when refused.
  std::optional<Checkpoint> publish_once();

 private:
  void run();
  const AuditLog& audit_;
  db::Database& db_;
  std::chrono::seconds interval_;
  std::optional<Checkpoint> last_;  // the previous checkpoint (only the thread touches it)
  std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace kiorex::audit
