#include "core/audit/audit_keys.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::audit {

namespace fs = std::filesystem;

namespace {

constexpr const char* kChainFile = "chain.key";
constexpr const char* kSeedFile = "checkpoint.key";
constexpr const char* kPublicFile = "checkpoint.pub";

[[noreturn]] void fail_io(const std::string& what, const fs::path& path, int err) {
  throw std::runtime_error("audit keys: cannot " + what + " " + path.string() + ": " + std::strerror(err));
}

// Writes `text` to `path` only if no file is there yet: a private temp file, then link(2), which never
// replaces. False when another process got there first (its file wins).
bool create_exclusive(const fs::path& path, const std::string& text, mode_t mode) {
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + "." +
                                             security::hex_encode(security::random_bytes(6)) + ".tmp");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) fail_io("create", tmp, errno);
  bool ok = ::fchmod(fd, mode) == 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  int err = errno;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ::unlink(tmp.c_str());
    fail_io("write", tmp, err);
  }
  int rc = ::link(tmp.c_str(), path.c_str());
  err = errno;
  ::unlink(tmp.c_str());
  if (rc != 0 && err != EEXIST) fail_io("create", path, err);
  return rc == 0;
}

// The 32 bytes a key file holds (base64, trailing whitespace allowed); nullopt when there is no file.
std::optional<std::string> read_key(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    if (errno == ENOENT || !fs::exists(path)) return std::nullopt;
    fail_io("read", path, errno);
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  auto bytes = security::base64_decode(s);
  if (!bytes || bytes->size() != 32) throw std::runtime_error("audit keys: " + path.string() + " is not base64 of 32 bytes");
  return bytes;
}

std::string read_or_create_key(const fs::path& path) {
  if (auto key = read_key(path)) return *key;
  create_exclusive(path, security::base64_encode(security::random_bytes(32)) + "\n", 0600);
  return *read_key(path);  // ours, or the one a concurrent process linked first
}

std::string must_read_key(const fs::path& path) {
  if (auto key = read_key(path)) return *key;
  throw std::runtime_error("audit keys: " + path.string() +
                           " does not exist (start the server once to create the audit keys, or set "
                           "KIOREX_AUDIT_KEY_DIR to where they are kept)");
}

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("audit keys: libsodium failed to initialise");
}

}  // namespace

AuditKeys::AuditKeys(std::string chain_key, std::string seed) : chain_key_(std::move(chain_key)) {
  init_sodium();
  secret_key_.resize(crypto_sign_SECRETKEYBYTES);
  public_key_.resize(crypto_sign_PUBLICKEYBYTES);
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(public_key_.data()),
                           reinterpret_cast<unsigned char*>(secret_key_.data()),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  sodium_memzero(seed.data(), seed.size());
  key_id_ = key_id_of(public_key_);
}

AuditKeys::~AuditKeys() {
  sodium_memzero(chain_key_.data(), chain_key_.size());
  sodium_memzero(secret_key_.data(), secret_key_.size());
}

AuditKeys AuditKeys::load_or_create(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir);
    ::chmod(dir.c_str(), 0700);
  }
  if (!fs::is_directory(dir)) throw std::runtime_error("audit keys: " + dir.string() + " is not a directory");
  std::string chain = read_or_create_key(dir / kChainFile);
  AuditKeys keys(std::move(chain), read_or_create_key(dir / kSeedFile));
  // The public half for operators to copy (0600 like everything in the private data dir; `kiorex audit
  // public-key` prints it); derived from the seed, so any process writes the same text.
  if (!fs::exists(dir / kPublicFile)) create_exclusive(dir / kPublicFile, security::base64_encode(keys.public_key_) + "\n", 0600);
  return keys;
}

AuditKeys AuditKeys::load(const fs::path& dir) {
  std::string chain = must_read_key(dir / kChainFile);
  return AuditKeys(std::move(chain), must_read_key(dir / kSeedFile));
}

AuditKeys AuditKeys::ephemeral() { return AuditKeys(security::random_bytes(32), security::random_bytes(32)); }

std::string AuditKeys::sign(std::string_view message) const {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(secret_key_.data()));
  return sig;
}

std::string AuditKeys::key_id_of(std::string_view public_key) {
  return security::sha256_hex(public_key).substr(0, 16);
}

}  // namespace kiorex::audit
