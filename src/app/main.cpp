// kiorex — the Kiorex platform in one binary. Subcommands: serve, migrate, demo-data,
// keys rotate, audit verify / checkpoint / public-key, config, version.
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "app/app.hpp"
#include "core/config/config.hpp"
#include "core/log/log.hpp"
#include "core/storage/private_files.hpp"

namespace {

void usage() {
  std::puts(
      "usage: kiorex <command>\n"
      "  serve            run the API and web app (migrates first)\n"
      "  migrate          apply pending database migrations\n"
      "  demo-data        create the demo accounts (idempotent) and print them;\n"
      "                   --patients N [--entries-per-patient M] adds N load-test patients\n"
      "  keys rotate      start signing tokens with a new key (old keys keep verifying)\n"
      "  audit verify     check the keyed hash chain of the audit log;\n"
      "                   --checkpoint FILE also proves nothing up to that signed checkpoint\n"
      "                   was removed or rewritten (--public-key KEY|FILE: the key to trust)\n"
      "  audit checkpoint verify, then print a signed checkpoint of the head (--out FILE)\n"
      "  audit public-key print the checkpoint signing key (to check checkpoints elsewhere)\n"
      "  config           print every KIOREX_* setting with its default\n"
      "  version          print the version\n"
      "Configuration: KIOREX_* environment variables (see README.md).");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kiorex;
  if (argc < 2 || !std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "--help")) {
    usage();
    return argc < 2 ? 2 : 0;
  }
  std::string cmd = argv[1];
  if (cmd == "version" || cmd == "--version") {
    std::printf("kiorex %s\n", KIOREX_VERSION);
    return 0;
  }
  if (cmd == "config") {
    for (const auto& v : config::variable_docs())
      std::printf("%-30s %-40s %s\n", v.name.c_str(), v.default_value.c_str(), v.meaning.c_str());
    return 0;
  }
  // Everything this process creates is private to its user: the data dir holds PHI and keys (see
  // core/storage/private_files.hpp for what the umask covers and what it cannot).
  ::umask(077);
  config::Config cfg;
  try {
    cfg = config::load_from_process_env();
    storage::make_private_dirs(cfg.data_dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kiorex: configuration error: %s\n", e.what());
    return 2;
  }
  log::init(cfg.log_level, cfg.log_file);
  for (const auto& t : storage::tighten_private_tree(cfg.data_dir))
    log::warn("storage.permissions_tightened", {{"path", t.path.string()}, {"mode", storage::octal_mode(t.old_mode)},
                                                {"now", storage::octal_mode(t.new_mode)}});
  try {
    if (cmd == "serve") return app::cmd_serve(cfg);
    if (cmd == "migrate") return app::cmd_migrate(cfg);
    if (cmd == "demo-data") return app::cmd_demo_data(cfg, argc - 2, argv + 2);
    if (cmd == "keys" && argc >= 3 && !std::strcmp(argv[2], "rotate")) return app::cmd_keys_rotate(cfg);
    if (cmd == "audit") return app::cmd_audit(cfg, argc - 2, argv + 2);
  } catch (const config::ConfigError& e) {
    std::fprintf(stderr, "kiorex: configuration error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kiorex: %s\n", e.what());
    return 1;
  }
  usage();
  return 2;
}
