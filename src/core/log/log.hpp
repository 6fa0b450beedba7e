#pragma once
// JSON-lines logging through spdlog. Callers pass structured fields; any field whose name looks
// secret (password, token, code, secret, otp, authorization, cookie) is replaced by "[redacted]",
// so a careless call still cannot write a credential. PHI is never passed to the log at all.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

namespace kiorex::log {

enum class Level { debug, info, warn, error };

void init(const std::string& level, const std::string& file);
void write(Level level, std::string_view event, boost::json::object fields = {});
inline void debug(std::string_view e, boost::json::object f = {}) { write(Level::debug, e, std::move(f)); }
inline void info(std::string_view e, boost::json::object f = {}) { write(Level::info, e, std::move(f)); }
inline void warn(std::string_view e, boost::json::object f = {}) { write(Level::warn, e, std::move(f)); }
inline void error(std::string_view e, boost::json::object f = {}) { write(Level::error, e, std::move(f)); }
bool enabled(Level level);
bool is_secret_field(std::string_view name);

}  // namespace kiorex::log
