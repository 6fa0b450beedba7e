// The framing rules on their own; tests/api/http-framing.test.mjs drives them over raw sockets.
#include "core/http/framing.hpp"

#include <gtest/gtest.h>

namespace kiorex::http {
namespace {

int status_of(const std::optional<FramingRefusal>& r) { return r ? r->status : 0; }

TEST(Framing, AcceptsOneContentLengthOrPlainChunked) {
  EXPECT_EQ(status_of(check_framing(11, {}, {})), 0);
  EXPECT_EQ(status_of(check_framing(11, {}, {"12"})), 0);
  EXPECT_EQ(status_of(check_framing(10, {}, {"0"})), 0);
  EXPECT_EQ(status_of(check_framing(11, {"chunked"}, {})), 0);
  EXPECT_EQ(status_of(check_framing(11, {" Chunked "}, {})), 0);
}

TEST(Framing, RefusesEveryOtherTransferCoding) {
  EXPECT_EQ(status_of(check_framing(11, {"gzip"}, {})), 400);      // chunked not last: length unknown
  EXPECT_EQ(status_of(check_framing(11, {"identity"}, {})), 400);
  EXPECT_EQ(status_of(check_framing(11, {"chunked, identity"}, {})), 400);
  EXPECT_EQ(status_of(check_framing(11, {"chunked,"}, {})), 400);
  EXPECT_EQ(status_of(check_framing(11, {"chunked", "chunked"}, {})), 400);
  EXPECT_EQ(status_of(check_framing(11, {"gzip, chunked"}, {})), 501);  // framed, but a coding we lack
  EXPECT_EQ(status_of(check_framing(11, {"gzip", "chunked"}, {})), 501);
}

TEST(Framing, RefusesAmbiguousLengths) {
  EXPECT_EQ(status_of(check_framing(11, {"chunked"}, {"5"})), 400);
  EXPECT_EQ(status_of(check_framing(10, {"chunked"}, {})), 400);
  EXPECT_EQ(status_of(check_framing(11, {}, {"5", "5"})), 400);
  EXPECT_EQ(status_of(check_framing(11, {}, {"5, 5"})), 400);
  EXPECT_EQ(status_of(check_framing(11, {}, {"+5"})), 400);
  EXPECT_EQ(status_of(check_framing(11, {}, {""})), 400);
}

TEST(Framing, FindsTheHeaderBlockAndRefusesFoldingAndBareLf) {
  EXPECT_EQ(header_block_end("GET / HTTP/1.1\r\nHost: x\r\n"), std::nullopt);
  EXPECT_EQ(header_block_end("GET / HTTP/1.1\r\n\r\nrest"), 18u);
  EXPECT_EQ(header_block_end("\r\n\r\nGET / HTTP/1.1\r\n\r\n"), 22u);  // leading empty lines skipped
  EXPECT_EQ(status_of(check_header_block("GET / HTTP/1.1\r\nA: b\r\n\r\n")), 0);
  EXPECT_EQ(status_of(check_header_block("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n")), 400);
  EXPECT_EQ(status_of(check_header_block("GET / HTTP/1.1\r\nA: b\r\n\tc\r\n\r\n")), 400);
  EXPECT_EQ(status_of(check_header_block("GET / HTTP/1.1\nA: b\r\n\r\n")), 400);
}

}  // namespace
}  // namespace kiorex::http
