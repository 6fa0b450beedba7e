#include "core/testing/peer_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

namespace kiorex::testing {

namespace {

bool set_error(std::string* error, std::string text) {
  if (error) *error = std::move(text);
  return false;
}

}  // namespace

PeerProcess::~PeerProcess() { stop(); }

bool PeerProcess::start(const std::vector<std::string>& argv, std::string* error) {
  if (pid_ > 0) return set_error(error, "already started");
  if (argv.empty()) return set_error(error, "empty argv");
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return set_error(error, std::string("pipe2: ") + std::strerror(errno));

  // Everything the child needs is prepared before fork: after it only async-signal-safe calls are made.
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t parent = getpid();

  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return set_error(error, std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);
    dup2(fds[1], STDOUT_FILENO);  // the duplicate does not carry O_CLOEXEC
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    execvp(args[0], args.data());
    static const char msg[] = "peer_process: exec failed\n";
    ssize_t ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)ignored;
    _exit(127);
  }
  close(fds[1]);
  pid_ = pid;
  out_fd_ = fds[0];
  return true;
}

std::optional<std::string> PeerProcess::read_line(int timeout_ms, std::string* error) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    auto nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (out_fd_ < 0) {
      set_error(error, "not started");
      return std::nullopt;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      set_error(error, "timed out waiting for a line from the peer");
      return std::nullopt;
    }
    pollfd p{out_fd_, POLLIN, 0};
    int rc = poll(&p, 1, static_cast<int>(left));
    if (rc < 0) {
      if (errno == EINTR) continue;
      set_error(error, std::string("poll: ") + std::strerror(errno));
      return std::nullopt;
    }
    if (rc == 0) continue;
    char chunk[4096];
    ssize_t n = read(out_fd_, chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      set_error(error, std::string("read: ") + std::strerror(errno));
      return std::nullopt;
    }
    if (n == 0) {
      set_error(error, "the peer closed its stdout (exited?)");
      return std::nullopt;
    }
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

void PeerProcess::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    bool reaped = false;
    while (std::chrono::steady_clock::now() < deadline) {
      pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_ || (r < 0 && errno != EINTR)) {
        reaped = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!reaped) {
      kill(pid_, SIGKILL);
      while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
    pid_ = -1;
  }
  if (out_fd_ >= 0) {
    close(out_fd_);
    out_fd_ = -1;
  }
  buffer_.clear();
}

std::optional<std::string> find_source_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("KIOREX_SOURCE_DIR"); env && *env) return std::string(env);
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  if (ec) return std::nullopt;
  for (;;) {
    if (fs::is_directory(dir / "tests" / "peers", ec)) return dir.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

namespace {

std::unique_ptr<PeerProcess> start_node_peer_once(const std::string& script, const std::vector<std::string>& args,
                                                  std::string* greeting, std::string* error, int timeout_ms) {
  namespace fs = std::filesystem;
  auto root = find_source_dir();
  if (!root) {
    set_error(error, "cannot find the source tree (tests/peers); set KIOREX_SOURCE_DIR");
    return nullptr;
  }
  const fs::path peers = fs::path(*root) / "tests" / "peers";
  std::error_code ec;
  if (!fs::is_directory(peers / "node_modules", ec)) {
    set_error(error, peers.string() + "/node_modules is missing: run npm ci in tests/peers");
    return nullptr;
  }
  const char* node_env = std::getenv("KIOREX_NODE");
  std::vector<std::string> argv{node_env && *node_env ? node_env : "node", (peers / script).string()};
  argv.insert(argv.end(), args.begin(), args.end());

  auto proc = std::make_unique<PeerProcess>();
  if (!proc->start(argv, error)) return nullptr;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    std::string read_error;
    auto line = proc->read_line(static_cast<int>(std::max<int64_t>(left, 1)), &read_error);
    if (!line) {
      set_error(error, script + ": " + read_error);
      return nullptr;
    }
    if (!line->empty() && line->front() == '{') {
      if (greeting) *greeting = *line;
      return proc;
    }
  }
}

}  // namespace

std::unique_ptr<PeerProcess> start_node_peer(const std::string& script, const std::vector<std::string>& args,
                                             std::string* greeting, std::string* error, int timeout_ms) {
  std::string first_error;
  if (auto proc = start_node_peer_once(script, args, greeting, &first_error, timeout_ms)) return proc;
  // A peer that never greeted (seen once in a CI run: oidc-provider silent for 60 s on an idle machine) gets
  // one more start; the first process is gone with its PeerProcess. A peer that cannot start fails twice.
  std::fprintf(stderr, "%s: first start failed (%s); starting it once more\n", script.c_str(), first_error.c_str());
  return start_node_peer_once(script, args, greeting, error, timeout_ms);
}

}  // namespace kiorex::testing
