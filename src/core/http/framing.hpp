#pragma once
// Message framing rules the HTTP parser is too lenient about (RFC 9112 sections 5.2, 6 and 6.3).
// A request whose length two parsers could read differently (one proxy in front of us, say) is a
// request-smuggling vector, so any ambiguity is refused and the connection closed, never guessed.
// Pure functions over header text, without Beast, so they are unit-tested on their own.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiorex::http {

struct FramingRefusal {
  int status;          // 400, or 501 for a transfer coding we do not implement
  std::string detail;  // shown to the client
};

// Where the header block ends (the offset just past its empty line), skipping the empty lines a
// client may send before the request line; nullopt while the block is incomplete.
std::optional<size_t> header_block_end(std::string_view bytes);

// The raw header block (request line + fields, up to its empty line; or the part received so far):
// refuses obsolete line folding (a field line starting with a space or tab), which the parser would
// join silently, and a bare LF line ending.
std::optional<FramingRefusal> check_header_block(std::string_view block);

// The parsed framing fields: every Transfer-Encoding and Content-Length field value, in order.
// Accepts only (a) no Transfer-Encoding and at most one Content-Length holding one number, or
// (b) HTTP/1.1 with exactly one Transfer-Encoding field whose value is `chunked` and no
// Content-Length. Everything else is refused: another coding (gzip, identity, `gzip, chunked`:
// 501 when chunked is last, 400 when it is not, as RFC 9112 6.3 requires), both headers, two
// Content-Length values (even equal ones), Transfer-Encoding in HTTP/1.0.
std::optional<FramingRefusal> check_framing(unsigned version, const std::vector<std::string_view>& transfer_encodings,
                                            const std::vector<std::string_view>& content_lengths);

}  // namespace kiorex::http
