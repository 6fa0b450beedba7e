#include "core/log/log.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/json.hpp>

#include "core/db/database.hpp"

namespace kiorex::log {

namespace {
std::shared_ptr<spdlog::logger> g_logger;
std::atomic<int> g_level{static_cast<int>(Level::info)};

spdlog::level::level_enum to_spd(Level l) {
  switch (l) {
    case Level::debug: return spdlog::level::debug;
    case Level::info: return spdlog::level::info;
    case Level::warn: return spdlog::level::warn;
    default: return spdlog::level::err;
  }
}

void redact(boost::json::object& o) {
  for (auto& kv : o) {
    if (is_secret_field(kv.key())) kv.value() = "[redacted]";
    else if (kv.value().is_object()) redact(kv.value().as_object());
  }
}
}  // namespace

bool is_secret_field(std::string_view name) {
  static const char* words[] = {"password", "token", "secret", "otp", "authorization", "cookie", "code", "recovery"};
  std::string lower(name);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* w : words)
    if (lower.find(w) != std::string::npos && lower != "status_code") return true;
  return false;
}

void init(const std::string& level, const std::string& file) {
  if (file.empty()) g_logger = spdlog::stderr_logger_mt("kiorex");
  else g_logger = spdlog::basic_logger_mt("kiorex", file);
  g_logger->set_pattern("%v");
  g_logger->flush_on(spdlog::level::info);
  Level l = level == "debug" ? Level::debug : level == "warn" ? Level::warn : level == "error" ? Level::error : Level::info;
  g_level = static_cast<int>(l);
  g_logger->set_level(to_spd(l));
}

bool enabled(Level level) { return static_cast<int>(level) >= g_level.load(); }

void write(Level level, std::string_view event, boost::json::object fields) {
  if (!enabled(level)) return;
  redact(fields);
  boost::json::object line;
  line["ts"] = db::now_iso8601();
  line["level"] = level == Level::debug ? "debug" : level == Level::info ? "info" : level == Level::warn ? "warn" : "error";
  line["event"] = event;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  std::string text = boost::json::serialize(line);
  if (!g_logger) {
    std::fprintf(stderr, "%s\n", text.c_str());
    return;
  }
  g_logger->log(to_spd(level), text);
}

}  // namespace kiorex::log
