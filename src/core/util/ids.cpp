#include "core/util/ids.hpp"

#include <array>
#include <chrono>
#include <mutex>

#include "core/security/crypto.hpp"

namespace kiorex::util {

namespace {
constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

int decode_char(char c) {
  for (int i = 0; i < 32; i++)
    if (kAlphabet[i] == c) return i;
  return -1;
}

uint64_t wall_ms() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

// The last id's time and random part, so ids from this process never go backwards.
std::mutex g_mutex;
uint64_t g_last_ms = 0;
std::array<uint8_t, 10> g_last_random{};
}  // namespace

std::string new_id(std::string_view prefix) {
  std::array<uint8_t, 16> bytes{};
  {
    std::lock_guard lk(g_mutex);
    uint64_t ms = wall_ms() & 0xFFFFFFFFFFFFull;
    bool carry = false;
    if (ms <= g_last_ms) {
      // Same millisecond (or the clock stepped back): continue from the last id, plus one.
      ms = g_last_ms;
      carry = true;
      for (int i = 9; i >= 0 && carry; i--) carry = ++g_last_random[static_cast<size_t>(i)] == 0;
      if (carry) ms++;  // 2^80 ids in one millisecond: move to the next one with fresh randomness
    }
    if (ms != g_last_ms || carry) {
      // Fresh randomness only for a new millisecond (under load most ids continue the last one, and a
      // draw from OpenSSL's generator costs about a microsecond).
      std::string fresh = security::random_bytes(10);
      for (size_t i = 0; i < 10; i++) g_last_random[i] = static_cast<uint8_t>(fresh[i]);
      // Keep headroom for increments within this millisecond.
      g_last_random[0] &= 0x7F;
    }
    g_last_ms = ms;
    for (int i = 0; i < 6; i++) bytes[static_cast<size_t>(i)] = static_cast<uint8_t>(ms >> (40 - 8 * i));
    for (size_t i = 0; i < 10; i++) bytes[6 + i] = g_last_random[i];
  }
  std::string out;
  out.reserve(prefix.size() + 1 + kIdBodyLength);
  out.append(prefix);
  out.push_back('_');
  // 128 bits -> 26 characters of 5 bits; the first character carries the top 3 bits (2 leading zeros).
  for (int c = 0; c < 26; c++) {
    int bit = c == 0 ? 0 : 3 + 5 * (c - 1);  // first bit (from the top) of this character's group
    int width = c == 0 ? 3 : 5;
    unsigned v = 0;
    for (int b = 0; b < width; b++) {
      int pos = bit + b;
      unsigned bitval = (bytes[static_cast<size_t>(pos / 8)] >> (7 - pos % 8)) & 1u;
      v = (v << 1) | bitval;
    }
    out.push_back(kAlphabet[v]);
  }
  return out;
}

bool is_id(std::string_view id, std::string_view prefix) {
  if (id.size() != prefix.size() + 1 + kIdBodyLength) return false;
  if (id.substr(0, prefix.size()) != prefix || id[prefix.size()] != '_') return false;
  std::string_view body = id.substr(prefix.size() + 1);
  if (decode_char(body[0]) < 0 || decode_char(body[0]) > 7) return false;
  for (char c : body)
    if (decode_char(c) < 0) return false;
  return true;
}

std::optional<int64_t> id_time_ms(std::string_view id) {
  size_t us = id.rfind('_');
  if (us == std::string_view::npos || !is_id(id, id.substr(0, us))) return std::nullopt;
  std::string_view body = id.substr(us + 1);
  // The first 10 characters hold 3 + 9*5 = 48 bits: exactly the timestamp.
  uint64_t ms = 0;
  for (size_t i = 0; i < 10; i++) ms = (ms << (i == 0 ? 3 : 5)) | static_cast<uint64_t>(decode_char(body[i]));
  return static_cast<int64_t>(ms);
}

}  // namespace kiorex::util
