// SmtpSender against a real SMTP server (smtp-server from npm, tests/peers/smtp-sink.mjs).
#include "core/notify/smtp_sender.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "core/security/encoding.hpp"
#include "core/testing/peer_process.hpp"

namespace kiorex::notify {
namespace {

namespace fs = std::filesystem;

int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// Decodes a header value made of RFC 2047 "B" encoded-words (as SmtpSender writes them) or plain text.
std::string decode_rfc2047(std::string value) {
  std::string out;
  size_t pos = 0;
  bool any = false;
  while ((pos = value.find("=?UTF-8?B?", pos)) != std::string::npos) {
    auto end = value.find("?=", pos + 10);
    if (end == std::string::npos) break;
    auto bytes = security::base64_decode(value.substr(pos + 10, end - pos - 10));
    if (!bytes) return "<bad base64>";
    out += *bytes;
    pos = end + 2;
    any = true;
  }
  return any ? out : value;
}

struct ParsedMail {
  std::map<std::string, std::string> headers;  // unfolded
  std::string body;
};

ParsedMail parse_mail(const std::string& raw) {
  ParsedMail m;
  auto split = raw.find("\r\n\r\n");
  std::string head = raw.substr(0, split);
  m.body = split == std::string::npos ? "" : raw.substr(split + 4);
  std::string unfolded;
  for (size_t i = 0; i < head.size(); ++i) {
    if (head.compare(i, 3, "\r\n ") == 0 || head.compare(i, 3, "\r\n\t") == 0) {
      ++i;  // unfolding (RFC 5322 2.2.3): drop the CRLF, keep the whitespace
      continue;
    }
    unfolded.push_back(head[i]);
  }
  std::istringstream lines(unfolded);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.erase(0, 1);
    m.headers[line.substr(0, colon)] = value;
  }
  return m;
}

class SmtpSenderTest : public ::testing::Test {
 protected:
  void start_sink(std::vector<std::string> extra = {}) {
    dir_ = fs::temp_directory_path() / ("kiorex-smtp-" + std::to_string(getpid()) + "-" +
                                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir_);
    out_ = (dir_ / "messages.jsonl").string();
    std::vector<std::string> args{"--out", out_};
    args.insert(args.end(), extra.begin(), extra.end());
    std::string greeting, error;
    sink_ = testing::start_node_peer("smtp-sink.mjs", args, &greeting, &error);
    ASSERT_TRUE(sink_) << error;
    port_ = static_cast<int>(boost::json::parse(greeting).at("port").to_number<int64_t>());
  }
  void TearDown() override {
    sink_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::vector<boost::json::object> received() {
    std::vector<boost::json::object> out;
    std::ifstream in(out_);
    std::string line;
    while (std::getline(in, line)) out.push_back(boost::json::parse(line).as_object());
    return out;
  }
  SmtpConfig config() {
    SmtpConfig c;
    c.url = "smtp://127.0.0.1:" + std::to_string(port_);
    c.from = "Kiorex <no-reply@kiorex.test>";
    c.starttls_required = false;  // the sink offers no STARTTLS
    return c;
  }

  std::unique_ptr<testing::PeerProcess> sink_;
  fs::path dir_;
  std::string out_;
  int port_ = 0;
};

TEST_F(SmtpSenderTest, DeliversUtf8MessageWithEncodedSubject) {
  ASSERT_NO_FATAL_FAILURE(start_sink());
  SmtpSender sender(config());
  OutgoingMessage msg;
  msg.channel = "email";
  msg.to = "zoe@example.org";
  msg.subject = "Ihr Kiorex-Code für die Anmeldung — Zoë";
  msg.text = "Hallo Zoë,\nIhr Code lautet 482913.\n.\n.hidden line starting with a dot\n";
  msg.secret = "482913";
  std::string error;
  ASSERT_TRUE(sender.send(msg, &error)) << error;

  auto mails = received();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].at("from").as_string(), "no-reply@kiorex.test");
  ASSERT_EQ(mails[0].at("to").as_array().size(), 1u);
  EXPECT_EQ(mails[0].at("to").as_array()[0].as_string(), "zoe@example.org");

  std::string raw(mails[0].at("raw").as_string());
  ParsedMail mail = parse_mail(raw);
  EXPECT_EQ(mail.headers["Subject"].rfind("=?UTF-8?B?", 0), 0u) << "non-ASCII subject must be RFC 2047 encoded";
  EXPECT_EQ(decode_rfc2047(mail.headers["Subject"]), msg.subject);
  EXPECT_EQ(mail.headers["From"], "\"Kiorex\" <no-reply@kiorex.test>");
  EXPECT_EQ(mail.headers["To"], "zoe@example.org");
  EXPECT_EQ(mail.headers["MIME-Version"], "1.0");
  EXPECT_EQ(mail.headers["Content-Type"], "text/plain; charset=utf-8");
  EXPECT_EQ(mail.headers["Content-Transfer-Encoding"], "8bit");
  EXPECT_NE(mail.headers["Date"].find("+0000"), std::string::npos);
  EXPECT_NE(mail.headers["Message-ID"].find("@kiorex.test>"), std::string::npos);
  // Body arrives byte for byte (CRLF line ends; the lone "." and the dot-led line survive SMTP dot-stuffing).
  EXPECT_EQ(mail.body, "Hallo Zoë,\r\nIhr Code lautet 482913.\r\n.\r\n.hidden line starting with a dot\r\n");
  for (char c : raw.substr(0, raw.find("\r\n\r\n"))) {
    ASSERT_LT(static_cast<unsigned char>(c), 0x80) << "headers must be 7-bit";
  }
}

TEST_F(SmtpSenderTest, AuthenticatesWhenCredentialsAreConfigured) {
  ASSERT_NO_FATAL_FAILURE(start_sink({"--user", "mailer", "--pass", "s3cret"}));
  SmtpConfig c = config();
  c.username = "mailer";
  c.password = "s3cret";
  SmtpSender sender(c);
  std::string error;
  ASSERT_TRUE(sender.send({"email", "a@example.org", "Hi", "text", ""}, &error)) << error;
  auto mails = received();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].at("user").as_string(), "mailer");

  c.password = "wrong";
  SmtpSender bad(c);
  EXPECT_FALSE(bad.send({"email", "a@example.org", "Hi", "text", ""}, &error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(received().size(), 1u);
}

TEST_F(SmtpSenderTest, RefusesToSendWithoutStarttlsWhenRequired) {
  ASSERT_NO_FATAL_FAILURE(start_sink());
  SmtpConfig c = config();
  c.starttls_required = true;
  SmtpSender sender(c);
  std::string error;
  EXPECT_FALSE(sender.send({"email", "a@example.org", "Code", "Your code is 111222", "111222"}, &error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(error.find("111222"), std::string::npos);
  EXPECT_TRUE(received().empty());
}

TEST(SmtpSender, ClosedPortFailsWithError) {
  SmtpConfig c;
  c.url = "smtp://127.0.0.1:" + std::to_string(closed_port());
  c.from = "no-reply@kiorex.test";
  c.starttls_required = false;
  c.timeout_ms = 3000;
  SmtpSender sender(c);
  std::string error;
  EXPECT_FALSE(sender.send({"email", "a@example.org", "Code", "Your code is 123456", "123456"}, &error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(error.find("123456"), std::string::npos);
}

TEST(SmtpSender, RejectsOtherChannelsAndHeaderInjection) {
  SmtpConfig c;
  c.url = "smtp://127.0.0.1:1";
  c.from = "no-reply@kiorex.test";
  SmtpSender sender(c);
  std::string error;
  EXPECT_FALSE(sender.send({"sms", "+15551234567", "", "code", ""}, &error));
  EXPECT_NE(error.find("email"), std::string::npos);
  EXPECT_FALSE(sender.send({"email", "a@example.org\r\nBcc: evil@example.org", "s", "t", ""}, &error));
  EXPECT_NE(error.find("recipient"), std::string::npos);
  EXPECT_FALSE(sender.send({"email", "a@example.org", "s\r\nBcc: evil@example.org", "t", ""}, &error));
  EXPECT_NE(error.find("subject"), std::string::npos);
}

TEST(SmtpMessage, Rfc2047SplitsLongSubjectsAtCharacterBoundaries) {
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "Zoë—";
  std::string encoded = rfc2047_encode(subject);
  size_t start = 0;
  std::string decoded;
  int words = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    std::string word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(word.size(), 75u);
    ASSERT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    auto bytes = security::base64_decode(word.substr(10, word.size() - 12));
    ASSERT_TRUE(bytes);
    ASSERT_FALSE(bytes->empty());
    EXPECT_NE(static_cast<unsigned char>((*bytes)[0]) & 0xC0, 0x80) << "a word must not start mid-character";
    decoded += *bytes;
    ++words;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  EXPECT_GT(words, 1);
  EXPECT_EQ(decoded, subject);
  EXPECT_EQ(rfc2047_encode("Plain ASCII subject"), "Plain ASCII subject");
  EXPECT_EQ(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST(SmtpMessage, MaskSecretReplacesEveryOccurrence) {
  EXPECT_EQ(mask_secret("code 123456, again 123456", "123456"), "code ******, again ******");
  EXPECT_EQ(mask_secret("nothing here", "123456"), "nothing here");
  EXPECT_EQ(mask_secret("keep", ""), "keep");
  EXPECT_EQ(mask_secret("aaaa", "aa"), "************");
}

}  // namespace
}  // namespace kiorex::notify
