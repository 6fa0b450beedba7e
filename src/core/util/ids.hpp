#pragma once
// Opaque, time-ordered identifiers with a type prefix: "usr_01hzx3k8q2d5e7f9g1h3j5k7m9".
// The 26 characters after "<prefix>_" are lowercase Crockford base32 of 128 bits: a 48-bit
// millisecond Unix timestamp followed by 80 random bits (the ULID layout; TypeID-style lowercase).
// Ids made by one process are strictly increasing (within one millisecond the random part is
// incremented), so sorting ids as strings sorts them by creation time; ids from different processes
// made in the same millisecond sort in random order.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiorex::util {

inline constexpr std::size_t kIdBodyLength = 26;

// "<prefix>_<26 chars>". The prefix should be a short lowercase word (usr, ses, evt, ...). Thread-safe.
std::string new_id(std::string_view prefix);

// True when id is "<prefix>_" followed by 26 lowercase Crockford base32 characters (a well-formed
// id of that type; says nothing about whether it exists).
bool is_id(std::string_view id, std::string_view prefix);

// The creation time (ms since the epoch) encoded in a well-formed id of any prefix; nullopt otherwise.
std::optional<int64_t> id_time_ms(std::string_view id);

}  // namespace kiorex::util
