#pragma once
// TOTP second factor (RFC 6238 over RFC 4226, HMAC-SHA1), its enrolment URI and QR code, and recovery codes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiorex::security {

// RFC 4648 section 6 base32, uppercase, without '=' padding.
std::string base32_encode(std::string_view bytes);
// Accepts upper/lower case, ignores spaces, tabs, '-' and trailing '=' padding (as users type secrets).
// nullopt on any other character or an impossible length.
std::optional<std::string> base32_decode(std::string_view text);

// A fresh 160-bit secret, base32 (32 characters).
std::string totp_new_secret();

// The code for `unix_time` (zero-padded to `digits`). Throws std::invalid_argument for a secret that is not
// base32 or empty, digits outside 6..8, period <= 0 or a negative time.
std::string totp_code(std::string_view secret_base32, int64_t unix_time, int digits = 6, int period = 30);

// Checks `code` (spaces ignored) against the time steps within +-window of unix_time, skipping every step
// <= last_used_step. Returns the matched step: store it and pass it as last_used_step next time, so a code
// can never be used twice. nullopt for no match or a malformed secret/code. window is clamped to 0..10.
std::optional<int64_t> totp_verify(std::string_view secret_base32, std::string_view code, int64_t unix_time,
                                   int window = 1, int64_t last_used_step = -1, int digits = 6, int period = 30);

// Key Uri Format: otpauth://totp/Issuer:account?secret=...&issuer=Issuer&algorithm=SHA1&digits=6&period=30
// (label and parameters percent-encoded; without issuer when it is empty).
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

// The QR code of `text` (ECC level M) as a compact standalone SVG: a white background and one black <path>,
// one unit per module, 4-module quiet zone. Throws std::invalid_argument if text holds a NUL byte or is too long.
std::string qr_svg(std::string_view text);

// n single-use recovery codes like "7kq2-x9mf-3d", from an alphabet without 0/o, 1/i/l (about 49.5 bits each).
std::vector<std::string> new_recovery_codes(int n = 10);
// Canonical form of a typed recovery code for comparison: lowercase, without spaces and dashes.
std::string normalize_recovery_code(std::string_view code);

}  // namespace kiorex::security
