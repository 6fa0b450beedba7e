#pragma once
// Test support: start a peer process (a node script from tests/peers), read its stdout line by line, and stop it
// (SIGTERM, then SIGKILL after a grace period) when the object goes away.
#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiorex::testing {

class PeerProcess {
 public:
  PeerProcess() = default;
  ~PeerProcess();
  PeerProcess(const PeerProcess&) = delete;
  PeerProcess& operator=(const PeerProcess&) = delete;

  // Starts argv[0] (looked up on PATH) with argv[1..]. The child's stdout is a pipe read by read_line; its stderr
  // is inherited. The child gets SIGTERM if this process dies.
  bool start(const std::vector<std::string>& argv, std::string* error);
  // The next stdout line (without the newline); nullopt on EOF, error or after timeout_ms.
  std::optional<std::string> read_line(int timeout_ms, std::string* error);
  // SIGTERM, wait up to 3 s, then SIGKILL; always reaps the child. Idempotent.
  void stop();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
};

// The repository root: $KIOREX_SOURCE_DIR if set, else the first directory upwards from the current one that
// contains tests/peers. nullopt when neither is found.
std::optional<std::string> find_source_dir();

// Starts `node <root>/tests/peers/<script> args...` and waits up to timeout_ms for its first stdout line that
// starts with '{' (the peer's JSON greeting, e.g. {"port":N}); earlier lines are skipped. Fails with a message
// saying "run npm ci in tests/peers" when tests/peers/node_modules is missing. The node binary is $KIOREX_NODE
// or "node". The default wait is generous: oidc-provider once needed over 20 s to start while both cores
// were busy with a load run; a healthy start takes well under a second, so this only delays a real failure.
// A peer that has not greeted by then is stopped and started once more before the start counts as failed.
std::unique_ptr<PeerProcess> start_node_peer(const std::string& script, const std::vector<std::string>& args,
                                             std::string* greeting, std::string* error, int timeout_ms = 60000);

}  // namespace kiorex::testing
