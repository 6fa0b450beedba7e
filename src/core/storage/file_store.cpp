#include "core/storage/file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <stdexcept>

#include "core/storage/private_files.hpp"
#include "core/util/ids.hpp"

namespace kiorex::storage {

namespace {
bool valid_segment(std::string_view s) {
  if (s.empty() || s == "." || s == "..") return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
      return false;
  return true;
}
}  // namespace

FileStore::FileStore(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path FileStore::path_of(const std::string& key) const {
  size_t start = 0;
  while (true) {
    size_t slash = key.find('/', start);
    std::string_view seg(key.data() + start, (slash == std::string::npos ? key.size() : slash) - start);
    if (!valid_segment(seg)) throw std::invalid_argument("file store: bad key");
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return root_ / key;
}

void FileStore::put(const std::string& key, std::string_view bytes) {
  auto path = path_of(key);
  make_private_dirs(path.parent_path());
  // Write to a unique temporary name (created 0600: stored files are sealed PHI, but still nobody
  // else's to read), flush to disk, then rename: readers see the old file or the whole new one,
  // never a torn write, even if the process dies mid-way.
  auto tmp = path;
  tmp += ".tmp-" + util::new_id("t");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("file store: cannot write");
  bool ok = true;
  for (size_t done = 0; ok && done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else done += static_cast<size_t>(n);
  }
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());  // no half-written leftovers
    throw std::runtime_error("file store: write failed");
  }
  // The rename itself is durable only once the directory is flushed.
  int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

std::optional<std::string> FileStore::get(const std::string& key) const {
  std::ifstream in(path_of(key), std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void FileStore::remove(const std::string& key) {
  std::error_code ec;
  std::filesystem::remove(path_of(key), ec);
}

}  // namespace kiorex::storage
