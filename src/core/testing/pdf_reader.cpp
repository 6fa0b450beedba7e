#include "core/testing/pdf_reader.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace kiorex::testing {

namespace {

// The PDF in a temporary file for the tools' command line, removed again at scope exit.
class TempPdf {
 public:
  explicit TempPdf(const std::string& pdf) {
    char name[] = "/tmp/kiorex-test-XXXXXX.pdf";
    int fd = mkstemps(name, 4);
    if (fd < 0) throw std::runtime_error("cannot create a temporary PDF");
    path_ = name;
    bool ok = ::write(fd, pdf.data(), pdf.size()) == static_cast<ssize_t>(pdf.size());
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write a temporary PDF");
  }
  ~TempPdf() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The standard output of `command` (its file arguments are our own temporary paths, no quoting needed).
std::string run(const std::string& command) {
  FILE* p = popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + command);
  std::string out;
  char buf[65536];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  if (pclose(p) != 0) throw std::runtime_error(command + " failed (is poppler-utils installed?)");
  return out;
}

}  // namespace

std::string collapse_whitespace(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string without_whitespace(const std::string& s) {
  std::string out = collapse_whitespace(s);
  std::erase(out, ' ');
  return out;
}

std::vector<std::string> missing_texts(const std::string& text, const std::vector<std::string>& expected) {
  std::vector<std::string> missing;
  for (const auto& e : expected)
    if (text.find(collapse_whitespace(e)) == std::string::npos) missing.push_back(e);
  return missing;
}

std::string pdf_text(const std::string& pdf, TextOrder order) {
  TempPdf file(pdf);
  std::string text =
      run(std::string("pdftotext -enc UTF-8 ") + (order == TextOrder::content ? "-raw " : "") + file.path() + " - 2>/dev/null");
  for (const char* mark : {"\u202A", "\u202B", "\u202C", "\u2066", "\u2067", "\u2068", "\u2069"})
    for (size_t pos; (pos = text.find(mark)) != std::string::npos;) text.erase(pos, 3);
  return collapse_whitespace(text);
}

int pdf_pages(const std::string& pdf) {
  TempPdf file(pdf);
  std::istringstream info(run("pdfinfo " + file.path() + " 2>/dev/null"));
  for (std::string line; std::getline(info, line);)
    if (line.starts_with("Pages:")) return std::atoi(line.c_str() + 6);
  throw std::runtime_error("pdfinfo: no page count");
}

GrayImage pdf_page_gray(const std::string& pdf, int page, int dpi) {
  TempPdf file(pdf);
  const std::string p = std::to_string(page);
  // A binary PGM ("P5 width height 255" and the pixels) on standard output.
  const std::string pgm =
      run("pdftoppm -gray -r " + std::to_string(dpi) + " -f " + p + " -l " + p + " " + file.path() + " 2>/dev/null");
  std::istringstream in(pgm);
  std::string magic;
  int max = 0;
  GrayImage img;
  in >> magic >> img.width >> img.height >> max;
  if (magic != "P5" || max != 255 || img.width <= 0 || img.height <= 0) throw std::runtime_error("pdftoppm: not a PGM");
  in.get();  // the single whitespace after the header
  img.pixels.resize(static_cast<size_t>(img.width) * static_cast<size_t>(img.height));
  in.read(reinterpret_cast<char*>(img.pixels.data()), static_cast<std::streamsize>(img.pixels.size()));
  if (static_cast<size_t>(in.gcount()) != img.pixels.size()) throw std::runtime_error("pdftoppm: short image");
  return img;
}

}  // namespace kiorex::testing
