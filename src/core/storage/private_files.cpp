#include "core/storage/private_files.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

namespace kiorex::storage {

namespace fs = std::filesystem;

void make_private_dirs(const fs::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return;
  if (dir.has_parent_path() && dir.parent_path() != dir) make_private_dirs(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw std::system_error(errno, std::generic_category(), "cannot create " + dir.string());
  if (!fs::is_directory(dir, ec)) throw std::runtime_error(dir.string() + " is not a directory");
}

namespace {

void tighten_one(const fs::path& p, std::vector<Tightened>& out) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0 || S_ISLNK(st.st_mode)) return;
  unsigned mode = st.st_mode & 07777;
  if ((mode & 077) == 0) return;
  unsigned wanted = S_ISDIR(st.st_mode) ? 0700u : 0600u;
  if (::chmod(p.c_str(), wanted) == 0) out.push_back({p, mode, wanted});
}

}  // namespace

std::vector<Tightened> tighten_private_tree(const fs::path& data_dir) {
  std::vector<Tightened> out;
  std::error_code ec;
  // The data dir itself may be a symbolic link the operator chose: its target is tightened.
  fs::path root = fs::canonical(data_dir, ec);
  if (ec) return out;
  tighten_one(root, out);
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    tighten_one(it->path(), out);
  return out;
}

std::string octal_mode(unsigned mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777u);
  return buf;
}

}  // namespace kiorex::storage
