#include "core/audit/checkpoint_publisher.hpp"

#include <boost/json.hpp>
#include <exception>

#include "core/log/log.hpp"

namespace kiorex::audit {

CheckpointPublisher::CheckpointPublisher(const AuditLog& audit, db::Database& db, std::chrono::seconds interval)
    : audit_(audit), db_(db), interval_(interval) {
  if (interval_.count() > 0) thread_ = std::thread([this] { run(); });
}

CheckpointPublisher::~CheckpointPublisher() {
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<Checkpoint> CheckpointPublisher::publish_once() {
  auto r = audit_.make_checkpoint(db_, last_ ? &*last_ : nullptr);
  if (!r.checkpoint) {
    log::error("audit.checkpoint_refused", {{"first_bad_seq", r.verify.first_bad_seq}, {"problem", r.verify.problem}});
    last_.reset();  // the next try walks the whole log
    return std::nullopt;
  }
  // The checkpoint as an object of the log line: `jq -c .checkpoint` gives back the file format.
  log::info("audit.checkpoint", {{"seq", r.checkpoint->seq},
                                 {"checkpoint", boost::json::parse(checkpoint_json(*r.checkpoint)).as_object()}});
  last_ = r.checkpoint;
  return last_;
}

void CheckpointPublisher::run() {
  std::unique_lock lk(mu_);
  for (bool first = true;; first = false) {
    if (!first && stop_cv_.wait_for(lk, interval_, [this] { return stopping_; })) return;
    if (stopping_) return;
    lk.unlock();
    try {
      publish_once();
    } catch (const std::exception& e) {
      log::error("audit.checkpoint_failed", {{"error", e.what()}});
      last_.reset();
    }
    lk.lock();
  }
}

}  // namespace kiorex::audit
