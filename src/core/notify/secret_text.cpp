#include "core/notify/secret_text.hpp"

#include <algorithm>

namespace kiorex::notify {

namespace {
constexpr std::string_view kMask = "******";

bool word_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

bool looks_secret(std::string_view word) {
  bool digits = false, letters = false;
  for (char c : word) {
    if (c >= '0' && c <= '9') digits = true;
    else if (c != '-' && c != '_') letters = true;
  }
  if (digits && !letters) {
    size_t run = 0, longest = 0;  // "123-456" is a code as well as "123456"
    for (char c : word) longest = std::max(longest, run = (c >= '0' && c <= '9') ? run + 1 : 0);
    return longest >= 4 || word.size() >= 6;
  }
  return word.size() >= 10 && digits && letters;
}

bool starts_link(std::string_view rest) { return rest.starts_with("http://") || rest.starts_with("https://"); }
}  // namespace

std::string mask_secrets_in_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (starts_link(text.substr(i))) {
      // A link: kept up to its query or fragment, which is masked as a whole.
      size_t end = i;
      while (end < text.size() && static_cast<unsigned char>(text[end]) > ' ' && text[end] != '"' && text[end] != '>') end++;
      std::string_view link = text.substr(i, end - i);
      size_t cut = link.find_first_of("?#");
      std::string_view kept = link.substr(0, cut);
      size_t path = std::min(kept.find('/', kept.find("://") + 3), kept.size());
      out += kept.substr(0, path);                       // scheme and host (with its port) as they are
      out += mask_secrets_in_text(kept.substr(path));  // a token may sit in the path, too
      if (cut != std::string_view::npos) {
        out += link[cut];
        out += kMask;
      }
      i = end;
      continue;
    }
    if (!word_char(text[i])) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && word_char(text[end])) end++;
    std::string_view word = text.substr(i, end - i);
    if (looks_secret(word)) out += kMask;
    else out += word;
    i = end;
  }
  return out;
}

}  // namespace kiorex::notify
