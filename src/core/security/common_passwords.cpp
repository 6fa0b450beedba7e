// The common-password list, compiled into the binary (see scripts/gen-common-passwords.sh).
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/security/password.hpp"

namespace kiorex::security {
namespace {

// Chunks of newline-separated lowercase words.
constexpr std::string_view kChunks[] = {
#include "core/security/common_passwords_data.inc"
};

const std::unordered_set<std::string_view>& common_set() {
  // Built once; the views point into the static literals above.
  static const std::unordered_set<std::string_view> set = [] {
    std::unordered_set<std::string_view> s;
    s.reserve(16384);
    for (std::string_view chunk : kChunks) {
      while (!chunk.empty()) {
        size_t nl = chunk.find('\n');
        std::string_view word = chunk.substr(0, nl);
        if (!word.empty()) s.insert(word);
        if (nl == std::string_view::npos) break;
        chunk.remove_prefix(nl + 1);
      }
    }
    return s;
  }();
  return set;
}

}  // namespace

bool is_common_password(std::string_view password) {
  const auto& set = common_set();
  bool has_upper = false;
  for (char c : password) has_upper |= (c >= 'A' && c <= 'Z');
  if (!has_upper) return set.count(password) != 0;
  std::string folded(password);
  for (char& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return set.count(folded) != 0;
}

std::size_t common_password_count() { return common_set().size(); }

}  // namespace kiorex::security
