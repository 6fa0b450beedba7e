#pragma once
// Byte/text encodings used by tokens, keys and codes. Bytes are carried in std::string.
#include <optional>
#include <string>
#include <string_view>

namespace kiorex::security {

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);
// RFC 4648 section 5, without padding (JWT, JWKS).
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);
std::string hex_encode(std::string_view bytes);

}  // namespace kiorex::security
