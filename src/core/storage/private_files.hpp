#pragma once
// The data dir holds patients' sealed data, the keys that open it and the database: nobody but the
// server's own user may read it. Folders are 0700 and files 0600, whoever creates them:
// - the process runs with umask 077 (set first thing in main), so files made by libraries that take
//   no mode (SQLite's database, the log file) are 0600; SQLite gives its -wal and -shm files the mode
//   of the database file itself (it fchmods them to match), so a database left 0644 would hand that
//   mode on to them whatever the umask: hence the start-up check below also covers existing files;
// - our own writers (file store, key rings) pass 0600 / 0700 explicitly, not relying on the umask;
// - at start, everything under the data dir (any depth: keys of every kind, stored files, logs, the
//   database) that is looser is tightened and reported, so an upgrade from an older release or a
//   copied backup ends up private too.
#include <filesystem>
#include <string>
#include <vector>

namespace kiorex::storage {

// Creates `dir` and any missing parents; every folder it creates is 0700.
void make_private_dirs(const std::filesystem::path& dir);

struct Tightened {
  std::filesystem::path path;
  unsigned old_mode;  // permission bits as found, e.g. 0644
  unsigned new_mode;  // 0600 or 0700
};

// Walks `data_dir` and everything under it (symbolic links are neither followed nor changed) and
// removes group and other permissions: folders become 0700, files 0600. Returns what it changed.
std::vector<Tightened> tighten_private_tree(const std::filesystem::path& data_dir);

// "0644" for 0644.
std::string octal_mode(unsigned mode);

}  // namespace kiorex::storage
