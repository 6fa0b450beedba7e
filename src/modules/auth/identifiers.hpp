#pragma once
// Email addresses and phone numbers as sign-in identifiers: normalised before they are stored or
// looked up, so "Ann@Example.com" and "ann@example.com" are one account.
#include <optional>
#include <string>
#include <string_view>

namespace kiorex::auth {

std::optional<std::string> normalize_email(std::string_view raw);  // lower-cased, basic shape check
std::optional<std::string> normalize_phone(std::string_view raw);  // E.164: + and 8..15 digits
bool looks_like_email(std::string_view raw);
std::string mask_identifier(std::string_view id);  // for logs: "an***@example.com", "+91******21"

}  // namespace kiorex::auth
