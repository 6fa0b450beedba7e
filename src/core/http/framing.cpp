#include "core/http/framing.hpp"

#include <algorithm>
#include <cctype>

namespace kiorex::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The comma-separated codings of all Transfer-Encoding fields, in order (empty members kept, so
// "chunked," is not plain chunked).
std::vector<std::string_view> codings_of(const std::vector<std::string_view>& fields) {
  std::vector<std::string_view> out;
  for (std::string_view f : fields) {
    for (;;) {
      size_t comma = f.find(',');
      out.push_back(trim(f.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      f.remove_prefix(comma + 1);
    }
  }
  return out;
}

FramingRefusal bad(std::string detail) { return {400, std::move(detail)}; }

}  // namespace

std::optional<size_t> header_block_end(std::string_view bytes) {
  size_t start = 0;
  while (bytes.substr(start, 2) == "\r\n") start += 2;
  size_t end = bytes.find("\r\n\r\n", start);
  if (end == std::string_view::npos) return std::nullopt;
  return end + 4;
}

std::optional<FramingRefusal> check_header_block(std::string_view block) {
  for (size_t lf = block.find('\n'); lf != std::string_view::npos; lf = block.find('\n', lf + 1))
    if (lf == 0 || block[lf - 1] != '\r') return bad("Header lines must end with CRLF.");
  size_t line = block.find("\r\n");
  while (line != std::string_view::npos && line + 2 < block.size()) {
    char first = block[line + 2];
    if (first == ' ' || first == '\t')
      return bad("Header lines continued on the next line (obsolete line folding) are not accepted.");
    line = block.find("\r\n", line + 2);
  }
  return std::nullopt;
}

std::optional<FramingRefusal> check_framing(unsigned version, const std::vector<std::string_view>& transfer_encodings,
                                            const std::vector<std::string_view>& content_lengths) {
  if (!transfer_encodings.empty()) {
    if (version < 11) return bad("Transfer-Encoding is not allowed in an HTTP/1.0 request.");
    if (!content_lengths.empty()) return bad("Send either Content-Length or Transfer-Encoding, not both.");
    auto codings = codings_of(transfer_encodings);
    if (codings.size() == 1 && iequals(codings[0], "chunked")) return std::nullopt;
    bool chunked_last = iequals(codings.back(), "chunked");
    size_t chunked_count = std::count_if(codings.begin(), codings.end(), [](auto c) { return iequals(c, "chunked"); });
    if (!chunked_last || chunked_count > 1 || std::any_of(codings.begin(), codings.end(), [](auto c) { return c.empty(); }))
      return bad("The only transfer coding accepted is a single `chunked`.");
    return FramingRefusal{501, "The only transfer coding implemented is `chunked`."};
  }
  if (content_lengths.size() > 1) return bad("Send one Content-Length header.");
  if (content_lengths.size() == 1) {
    std::string_view v = trim(content_lengths[0]);
    if (v.empty() || v.size() > 18 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return bad("Content-Length must be one decimal number.");
  }
  return std::nullopt;
}

}  // namespace kiorex::http
