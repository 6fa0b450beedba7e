// `kiorex audit ...`: verify the chain (optionally against a signed checkpoint), sign a checkpoint,
// print the checkpoint public key. Exit 0: intact; 1: something is wrong (named); 2: usage.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>

#include "app/app.hpp"
#include "core/audit/audit_keys.hpp"
#include "core/audit/checkpoint.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::app {

namespace {

int usage_error(const char* message) {
  std::fprintf(stderr,
               "kiorex audit: %s\nusage: kiorex audit verify [--checkpoint FILE [--public-key KEY|FILE]]\n"
               "       kiorex audit checkpoint [--out FILE]\n       kiorex audit public-key\n",
               message);
  return 2;
}

std::optional<std::string> read_text(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A public key given as base64 of 32 bytes, or as a file holding that (checkpoint.pub).
std::optional<std::string> public_key_arg(const std::string& arg) {
  auto decode = [](std::string s) -> std::optional<std::string> {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    auto key = security::base64_decode(s);
    if (key && key->size() == 32) return key;
    return std::nullopt;
  };
  if (auto key = decode(arg)) return key;
  if (auto text = read_text(arg)) return decode(*text);
  return std::nullopt;
}

// Options of the form --name VALUE (or --name=VALUE); false after printing what is wrong.
bool parse_options(int argc, char** argv, std::initializer_list<std::string_view> names,
                   std::map<std::string, std::string>& out) {
  for (int i = 0; i < argc; i++) {
    std::string_view arg = argv[i];
    std::string value;
    bool has_value = false;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      value = std::string(arg.substr(eq + 1));
      arg = arg.substr(0, eq);
      has_value = true;
    }
    if (std::find(names.begin(), names.end(), arg) == names.end()) {
      usage_error(("unknown argument " + std::string(argv[i])).c_str());
      return false;
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        usage_error((std::string(arg) + " needs a value").c_str());
        return false;
      }
      value = argv[++i];
    }
    out[std::string(arg)] = value;
  }
  return true;
}

int print_broken(const audit::AuditLog::VerifyResult& r) {
  if (r.kind == "checkpoint_forged")
    std::printf("audit checkpoint FORGED: %s\n", r.problem.c_str());
  else
    std::printf("audit log BROKEN at record %lld (%s): %s\n", static_cast<long long>(r.first_bad_seq), r.kind.c_str(),
                r.problem.c_str());
  return 1;
}

int verify(const config::Config& cfg, int argc, char** argv) {
  std::map<std::string, std::string> opt;
  if (!parse_options(argc, argv, {"--checkpoint", "--public-key"}, opt)) return 2;
  if (opt.contains("--public-key") && !opt.contains("--checkpoint")) return usage_error("--public-key needs --checkpoint");
  std::string trusted;
  if (opt.contains("--public-key")) {
    auto key = public_key_arg(opt["--public-key"]);
    if (!key) return usage_error("--public-key must be base64 of 32 bytes, or a file holding it");
    trusted = *key;
  }
  std::optional<audit::Checkpoint> checkpoint;
  if (opt.contains("--checkpoint")) {
    auto text = read_text(opt["--checkpoint"]);
    if (!text) {
      std::fprintf(stderr, "kiorex audit: cannot read %s\n", opt["--checkpoint"].c_str());
      return 2;
    }
    auto parsed = audit::parse_checkpoint(*text);
    if (!parsed.checkpoint) {
      std::printf("audit checkpoint FORGED: %s is not a valid checkpoint (%s)\n", opt["--checkpoint"].c_str(),
                  parsed.problem.c_str());
      return 1;
    }
    checkpoint = std::move(parsed.checkpoint);
  }
  audit::AuditLog log(audit::AuditKeys::load(cfg.effective_audit_key_dir()));
  auto db = db::open_database(cfg.effective_database_url(), 1, "");
  auto r = checkpoint ? log.verify(*db, *checkpoint, trusted) : log.verify(*db);
  if (!r.ok) return print_broken(r);
  std::printf("audit log intact: %lld records\n", static_cast<long long>(r.records));
  if (r.keyed_from_seq)
    std::printf("keyed chain from record %lld", static_cast<long long>(r.keyed_from_seq));
  else
    std::printf("no keyed record yet (every record is checked by the old SHA-256 rule)");
  if (r.keyed_from_seq > 1) std::printf(" (records before it by the old SHA-256 rule)");
  std::printf("; head: record %lld %s\n", static_cast<long long>(r.last_seq), r.last_hash.c_str());
  if (checkpoint)
    std::printf("checkpoint of %s (record %lld, key %s): signature valid, nothing up to it removed or rewritten\n",
                db::iso8601_from_ms(checkpoint->at_ms).c_str(), static_cast<long long>(checkpoint->seq),
                checkpoint->key_id.c_str());
  return 0;
}

int checkpoint(const config::Config& cfg, int argc, char** argv) {
  std::map<std::string, std::string> opt;
  if (!parse_options(argc, argv, {"--out"}, opt)) return 2;
  audit::AuditLog log(audit::AuditKeys::load(cfg.effective_audit_key_dir()));
  auto db = db::open_database(cfg.effective_database_url(), 1, "");
  auto r = log.make_checkpoint(*db);
  if (!r.checkpoint) {
    print_broken(r.verify);
    std::printf("no checkpoint signed\n");
    return 1;
  }
  const std::string text = audit::checkpoint_json(*r.checkpoint);
  if (!opt.contains("--out")) {
    std::fputs(text.c_str(), stdout);
    return 0;
  }
  std::ofstream out(opt["--out"], std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "kiorex audit: cannot write %s\n", opt["--out"].c_str());
    return 1;
  }
  std::printf("checkpoint of record %lld written to %s\n", static_cast<long long>(r.checkpoint->seq),
              opt["--out"].c_str());
  return 0;
}

int public_key(const config::Config& cfg) {
  auto keys = audit::AuditKeys::load(cfg.effective_audit_key_dir());
  std::printf("%s\nkey id %s (Ed25519; checkpoints name it as key_id)\n", security::base64_encode(keys.public_key()).c_str(),
              keys.key_id().c_str());
  return 0;
}

}  // namespace

int cmd_audit(const config::Config& cfg, int argc, char** argv) {
  const std::string_view sub = argc >= 1 ? argv[0] : "";
  if (sub == "verify") return verify(cfg, argc - 1, argv + 1);
  if (sub == "checkpoint") return checkpoint(cfg, argc - 1, argv + 1);
  if (sub == "public-key" && argc == 1) return public_key(cfg);
  return usage_error(sub.empty() ? "which audit command?" : ("unknown audit command " + std::string(sub)).c_str());
}

}  // namespace kiorex::app
