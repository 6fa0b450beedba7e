#pragma once
// The embedded stand-in for the mission's S3: files under <data dir>/files, written atomically
// (temporary file + rename). It stores bytes as given: callers seal PHI before putting it (e.g. a
// prescription PDF is sealed with the patient's data key), so the store never sees plaintext PHI.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kiorex::storage {

class FileStore {
 public:
  explicit FileStore(std::filesystem::path root);
  // `key` is a relative path of [a-z0-9_.-] segments separated by '/', e.g. "prescriptions/rx_01….pdf.sealed";
  // anything else (.., absolute paths, empty segments) throws std::invalid_argument.
  void put(const std::string& key, std::string_view bytes);
  std::optional<std::string> get(const std::string& key) const;
  void remove(const std::string& key);  // no error when missing
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path path_of(const std::string& key) const;
  std::filesystem::path root_;
};

}  // namespace kiorex::storage
