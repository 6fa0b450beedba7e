#include "core/security/master_key.hpp"

#include <sys/stat.h>

#include <fstream>

#include "core/config/config.hpp"
#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::security {

SecretBox SecretBox::load_or_create(const std::string& configured_base64, const std::filesystem::path& keys_dir) {
  if (!configured_base64.empty()) {
    auto key = base64_decode(configured_base64);
    if (!key || key->size() != 32) throw config::ConfigError("KIOREX_MASTER_KEY must be base64 of exactly 32 bytes");
    return SecretBox(*key);
  }
  std::filesystem::create_directories(keys_dir);
  ::chmod(keys_dir.c_str(), 0700);
  auto path = keys_dir / "master.key";
  if (std::filesystem::exists(path)) {
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    auto key = base64_decode(text);
    if (!key || key->size() != 32) throw config::ConfigError(path.string() + " does not hold a base64 32-byte key");
    return SecretBox(*key);
  }
  std::string key = random_bytes(32);
  auto tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp);
    out << base64_encode(key) << "\n";
  }
  ::chmod(tmp.c_str(), 0600);
  std::filesystem::rename(tmp, path);
  return SecretBox(key);
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view context) const {
  return base64_encode(aead_encrypt(key_, plaintext, context));
}

std::optional<std::string> SecretBox::open(std::string_view sealed, std::string_view context) const {
  auto blob = base64_decode(sealed);
  if (!blob) return std::nullopt;
  return aead_decrypt(key_, *blob, context);
}

}  // namespace kiorex::security
