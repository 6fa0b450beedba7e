#include "modules/auth/identifiers.hpp"

#include <cctype>

namespace kiorex::auth {

bool looks_like_email(std::string_view raw) { return raw.find('@') != std::string_view::npos; }

std::optional<std::string> normalize_email(std::string_view raw) {
  std::string s;
  for (char c : raw) {
    if (std::isspace(static_cast<unsigned char>(c))) return std::nullopt;
    s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  size_t at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return std::nullopt;
  std::string domain = s.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.')
    return std::nullopt;
  if (s.size() > 254) return std::nullopt;
  return s;
}

std::optional<std::string> normalize_phone(std::string_view raw) {
  std::string digits;
  bool plus = false;
  for (char c : raw) {
    if (c == '+' && digits.empty() && !plus) plus = true;
    else if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
    else if (c == ' ' || c == '-' || c == '(' || c == ')') continue;
    else return std::nullopt;
  }
  if (!plus || digits.size() < 8 || digits.size() > 15 || digits[0] == '0') return std::nullopt;
  return "+" + digits;
}

std::string mask_identifier(std::string_view id) {
  size_t at = id.find('@');
  if (at != std::string_view::npos) return std::string(id.substr(0, std::min<size_t>(2, at))) + "***" + std::string(id.substr(at));
  if (id.size() <= 5) return "***";
  return std::string(id.substr(0, 3)) + std::string(id.size() - 5, '*') + std::string(id.substr(id.size() - 2));
}

}  // namespace kiorex::auth
