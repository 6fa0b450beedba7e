#include "core/security/master_key.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>

#include "core/config/config.hpp"
#include "core/storage/private_files.hpp"
#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::security {

namespace fs = std::filesystem;

namespace {

// Wrapped data keys are authenticated with this prefix before their context, so a wrapped key can
// never be opened as a sealed secret (and the other way round), whatever the contexts look like.
const std::string kWrapDomain("\0kiorex.wrap\0", 13);

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  size_t b = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) b++;
  return s.substr(b);
}

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string read_key_file(const fs::path& path) {
  auto text = read_text(path);
  if (!text) throw std::runtime_error("master key: cannot read " + path.string());
  auto key = base64_decode(trim(*text));
  OPENSSL_cleanse(text->data(), text->size());
  if (!key || key->size() != kAeadKeySize)
    throw config::ConfigError(path.string() + " does not hold a base64 32-byte key");
  return *key;
}

// "<version>.key" with version 1..999999999 (no leading zeros); 0 when the name is anything else.
int version_from_name(const std::string& name) {
  if (name.size() < 5 || name.size() > 13 || !name.ends_with(".key") || name[0] < '1' || name[0] > '9') return 0;
  int v = 0;
  for (size_t i = 0; i + 4 < name.size(); i++) {
    if (name[i] < '0' || name[i] > '9') return 0;
    v = v * 10 + (name[i] - '0');
  }
  return v;
}

std::optional<int> parse_version(std::string_view s) {
  if (s.empty() || s.size() > 9 || s[0] < '1' || s[0] > '9') return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Writes `content` to a fresh temp file (0600) in `dir` and returns its path.
fs::path write_temp(const fs::path& dir, const std::string& stem, const std::string& content) {
  fs::path tmp = dir / ("." + stem + "." + hex_encode(random_bytes(6)) + ".tmp");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("master key: cannot create " + tmp.string() + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw std::runtime_error("master key: cannot write " + tmp.string() + ": " + std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  return tmp;
}

// Creates `path` with `content` only if it does not exist yet (link(2) never replaces), so two
// processes creating the same version cannot overwrite each other's key. False when it existed.
bool create_exclusive(const fs::path& path, const std::string& content) {
  fs::path tmp = write_temp(path.parent_path(), path.filename().string(), content);
  int rc = ::link(tmp.c_str(), path.c_str());
  int err = errno;
  ::unlink(tmp.c_str());
  if (rc != 0) {
    if (err == EEXIST) return false;
    throw std::runtime_error("master key: cannot create " + path.string() + ": " + std::strerror(err));
  }
  fsync_dir(path.parent_path());
  return true;
}

void replace_file(const fs::path& path, const std::string& content) {
  fs::path tmp = write_temp(path.parent_path(), path.filename().string(), content);
  fs::rename(tmp, path);
  fsync_dir(path.parent_path());
}

void ensure_private_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) storage::make_private_dirs(dir);  // 0700, parents too
  if (!fs::is_directory(dir)) throw std::runtime_error("master key: " + dir.string() + " is not a directory");
}

}  // namespace

struct SecretBox::Impl {
  fs::path dir;  // <keys dir>/master; empty when the ring is not file-backed
  mutable std::shared_mutex mu;  // guards `keys` and `current`
  // Keys are only ever added while the ring lives, so a pointer found under the lock stays valid after it.
  std::map<int, std::unique_ptr<std::string>> keys;
  int current = 0;
  std::mutex file_mu;  // one rotation / reload (directory access) at a time
  int64_t last_miss_reload_ms = -1000000;  // guarded by file_mu

  ~Impl() {
    for (auto& [v, k] : keys) OPENSSL_cleanse(k->data(), k->size());
  }

  const std::string* find(int version) const {
    std::shared_lock lock(mu);
    auto it = keys.find(version);
    return it == keys.end() ? nullptr : it->second.get();
  }

  std::pair<int, const std::string*> current_key() const {
    std::shared_lock lock(mu);
    return {current, keys.at(current).get()};
  }

  // Reads versions not yet known and "current". Caller holds file_mu.
  bool reload_locked() {
    bool changed = false;
    for (const auto& entry : fs::directory_iterator(dir)) {
      int v = version_from_name(entry.path().filename().string());
      if (v == 0 || !entry.is_regular_file() || find(v) != nullptr) continue;
      auto key = std::make_unique<std::string>(read_key_file(entry.path()));
      std::unique_lock lock(mu);
      keys.emplace(v, std::move(key));
      changed = true;
    }
    auto text = read_text(dir / "current");
    if (text) {
      auto v = parse_version(trim(*text));
      std::unique_lock lock(mu);
      if (v && keys.count(*v) && current != *v) {
        current = *v;
        changed = true;
      }
    }
    return changed;
  }

  // A version open() does not know may have been written by another process moments ago: re-read the
  // directory (at most once a second, so crafted texts cannot make every request scan it). Known
  // versions never get here; callers racing on a new version wait for the one reload.
  const std::string* find_or_reload(int version) {
    if (const auto* k = find(version)) return k;
    if (dir.empty()) return nullptr;
    std::lock_guard files(file_mu);
    if (const auto* k = find(version)) return k;
    const int64_t now = steady_ms();
    if (now - last_miss_reload_ms < 1000) return nullptr;
    last_miss_reload_ms = now;
    try {
      reload_locked();
    } catch (const std::exception&) {
      // A broken key file is reported by the periodic reload; here the caller just cannot open.
    }
    return find(version);
  }
};

SecretBox::SecretBox(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SecretBox::SecretBox(std::string key32) : impl_(std::make_unique<Impl>()) {
  if (key32.size() != kAeadKeySize) throw std::invalid_argument("master key must be 32 bytes");
  impl_->keys.emplace(1, std::make_unique<std::string>(std::move(key32)));
  impl_->current = 1;
}

SecretBox::SecretBox(SecretBox&&) noexcept = default;
SecretBox& SecretBox::operator=(SecretBox&&) noexcept = default;
SecretBox::~SecretBox() = default;

SecretBox SecretBox::load_or_create(const std::string& configured_base64, const fs::path& keys_dir) {
  if (!configured_base64.empty()) {
    auto key = base64_decode(trim(configured_base64));
    if (!key || key->size() != kAeadKeySize)
      throw config::ConfigError("KIOREX_MASTER_KEY must be base64 of exactly 32 bytes");
    return SecretBox(std::move(*key));
  }
  ensure_private_dir(keys_dir);
  ::chmod(keys_dir.c_str(), 0700);  // as before the ring: the keys directory is the owner's only
  const fs::path dir = keys_dir / "master";
  ensure_private_dir(dir);
  const fs::path legacy = keys_dir / "master.key";

  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  std::lock_guard files(impl->file_mu);
  impl->reload_locked();
  if (impl->keys.empty()) {
    // The pre-ring single key becomes version 1 (text sealed with it has no version prefix); a fresh
    // data directory gets a random version 1.
    std::string key = fs::exists(legacy) ? read_key_file(legacy) : random_bytes(kAeadKeySize);
    std::string text = base64_encode(key) + "\n";
    create_exclusive(dir / "1.key", text);  // false: another process won the race; its key is read below
    OPENSSL_cleanse(key.data(), key.size());
    OPENSSL_cleanse(text.data(), text.size());
    impl->reload_locked();
    if (impl->keys.empty()) throw std::runtime_error("master key: no key in " + dir.string());
  }
  if (fs::exists(legacy)) {
    // Migrated: drop the old file once version 1 holds the same key (a crash in between is finished here).
    std::string old = read_key_file(legacy);
    const std::string* v1 = impl->find(1);
    bool same = v1 && constant_time_equal(old, *v1);
    OPENSSL_cleanse(old.data(), old.size());
    if (!same)
      throw config::ConfigError(legacy.string() + " and " + (dir / "1.key").string() +
                                " hold different keys: keep the one that opens your data and remove the other");
    fs::remove(legacy);
  }
  if (impl->current == 0) {
    // No (valid) "current" yet, e.g. the first start or a crash before it was written: adopt the newest.
    auto text = read_text(dir / "current");
    if (text && parse_version(trim(*text)))
      throw config::ConfigError((dir / "current").string() + " names version " + trim(*text) + ", which has no key file");
    impl->current = impl->keys.rbegin()->first;
    replace_file(dir / "current", std::to_string(impl->current) + "\n");
  }
  return SecretBox(std::move(impl));
}

std::optional<int> SecretBox::version_of(std::string_view sealed) {
  size_t dot = sealed.find('.');
  if (dot == std::string_view::npos) return 1;  // base64 has no '.': text from before the ring
  if (sealed.empty() || sealed[0] != 'v') return std::nullopt;
  return parse_version(sealed.substr(1, dot - 1));
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view context) const {
  auto [version, key] = impl_->current_key();
  std::string out = "v";
  out += std::to_string(version);
  out += '.';
  out += base64_encode(aead_encrypt(*key, plaintext, context));
  return out;
}

std::optional<std::string> SecretBox::open(std::string_view sealed, std::string_view context) const {
  auto version = version_of(sealed);
  if (!version) return std::nullopt;
  const std::string* key = impl_->find_or_reload(*version);
  if (!key) return std::nullopt;
  size_t dot = sealed.find('.');
  auto blob = base64_decode(dot == std::string_view::npos ? sealed : sealed.substr(dot + 1));
  if (!blob) return std::nullopt;
  return aead_decrypt(*key, *blob, context);
}

std::string SecretBox::wrap_key(std::string_view key32, std::string_view context) const {
  if (key32.size() != kAeadKeySize) throw std::invalid_argument("wrap_key: a data key is 32 bytes");
  std::string aad = kWrapDomain;
  aad += context;
  return seal(key32, aad);
}

std::optional<std::string> SecretBox::unwrap_key(std::string_view wrapped, std::string_view context) const {
  std::string aad = kWrapDomain;
  aad += context;
  auto key = open(wrapped, aad);
  if (key && key->size() != kAeadKeySize) {
    OPENSSL_cleanse(key->data(), key->size());
    return std::nullopt;
  }
  return key;
}

int SecretBox::current_version() const {
  std::shared_lock lock(impl_->mu);
  return impl_->current;
}

std::vector<int> SecretBox::versions() const {
  std::shared_lock lock(impl_->mu);
  std::vector<int> out;
  for (const auto& [v, k] : impl_->keys) out.push_back(v);
  return out;
}

bool SecretBox::file_backed() const { return !impl_->dir.empty(); }

int SecretBox::rotate() {
  if (impl_->dir.empty())
    throw std::logic_error(
        "the master key is fixed (KIOREX_MASTER_KEY): rotating it needs the file store (unset KIOREX_MASTER_KEY) or a KMS");
  std::lock_guard files(impl_->file_mu);
  impl_->reload_locked();
  int version = 0;
  {
    std::shared_lock lock(impl_->mu);
    version = impl_->keys.empty() ? 1 : impl_->keys.rbegin()->first + 1;
  }
  std::string key = random_bytes(kAeadKeySize);
  std::string text = base64_encode(key) + "\n";
  // Another process rotating at the same moment may take this number: take the next one.
  while (!create_exclusive(impl_->dir / (std::to_string(version) + ".key"), text)) version++;
  OPENSSL_cleanse(text.data(), text.size());
  // The key file exists before "current" names it, so a crash in between leaves a consistent directory.
  replace_file(impl_->dir / "current", std::to_string(version) + "\n");
  std::unique_lock lock(impl_->mu);
  impl_->keys.emplace(version, std::make_unique<std::string>(std::move(key)));
  impl_->current = version;
  return version;
}

bool SecretBox::reload_from_disk() {
  if (impl_->dir.empty()) return false;
  std::lock_guard files(impl_->file_mu);
  return impl_->reload_locked();
}

}  // namespace kiorex::security
