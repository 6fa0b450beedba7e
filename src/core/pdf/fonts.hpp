#pragma once
// The fonts every Kiorex PDF is set in, loaded by path from Debian's packages (fonts-noto-core,
// fonts-dejavu-core) into a private fontconfig configuration: the printed output does not depend on
// whatever else is installed on the machine. Noto Sans covers Latin (extended), Greek and Cyrillic; Noto
// Sans Devanagari and Noto Sans Arabic the Indian and Arabic scripts; DejaVu Sans is the fallback for
// symbols the others lack.
#include <string>
#include <vector>

struct _FcConfig;  // fontconfig's FcConfig, kept out of the includers

namespace kiorex::pdf {

// The font files, regular and bold of each family, in fallback order.
const std::vector<std::string>& font_files();

// The family list a text is set in (regular or bold chosen by weight), in fallback order.
inline constexpr const char* kFontFamilies = "Noto Sans, Noto Sans Devanagari, Noto Sans Arabic, DejaVu Sans";

// Those of `files` that are missing or that fontconfig cannot read as fonts.
std::vector<std::string> unusable_fonts(const std::vector<std::string>& files);

// Throws std::runtime_error naming the missing files and the packages to install when any font file is
// unusable. `kiorex serve` calls it at start, so a machine without the fonts fails at once, not at the
// first PDF.
void require_fonts();

// The private configuration holding only font_files(); built once, on first use (throws as require_fonts).
// Fontconfig configurations are thread-safe and reference counted; the caller does not own it.
_FcConfig* font_config();

}  // namespace kiorex::pdf
